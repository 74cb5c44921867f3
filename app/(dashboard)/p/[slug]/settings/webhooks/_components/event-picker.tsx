import { FieldError } from "@/components/ui/field";
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_INFO } from "@/lib/webhooks/events";

/** "Events": a checkbox per event of the catalogue, named by its type. */
export function EventPicker({ idPrefix, errors }: { idPrefix: string; errors?: string[] }) {
  const errorId = `${idPrefix}-events-error`;
  return (
    <fieldset aria-describedby={errorId} aria-invalid={Boolean(errors)}>
      <legend className="text-sm font-medium text-zinc-800">Events</legend>
      <ul className="mt-2 grid gap-x-6 gap-y-2 rounded-md border border-zinc-200 px-3 py-2.5 sm:grid-cols-2">
        {WEBHOOK_EVENTS.map((event) => {
          const id = `${idPrefix}-event-${event.replace(".", "-")}`;
          return (
            <li key={event} className="flex items-start gap-2">
              <input
                id={id}
                type="checkbox"
                name="events[]"
                value={event}
                aria-describedby={`${id}-description`}
                className="mt-0.5 h-4 w-4 shrink-0 rounded border-zinc-300 text-brand-600 focus:ring-brand-500"
              />
              <span className="min-w-0">
                <label htmlFor={id} className="cursor-pointer font-mono text-sm text-zinc-900">
                  {event}
                </label>
                <span id={`${id}-description`} className="block text-xs text-zinc-500">
                  {WEBHOOK_EVENT_INFO[event].description}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      <FieldError id={errorId} errors={errors} />
    </fieldset>
  );
}
