import { CUSTOM_LEVEL_LABELS, CUSTOM_LEVELS, CUSTOM_RESOURCES } from "@/lib/permissions";
import { FieldError } from "@/components/ui/field";

const label = (resource: string) => resource.charAt(0).toUpperCase() + resource.slice(1).replace("_", " ");

/** The Custom role's access, one level per resource, generated from the permission table. */
export function CustomPermissionsMatrix({ idPrefix, defaults, errors, hidden }: { idPrefix: string; defaults?: Partial<Record<string, string>> | null; errors?: string[]; hidden: boolean }) {
  const errorId = `${idPrefix}-permissions-error`;
  return (
    <fieldset hidden={hidden} aria-describedby={errorId} className="mt-3 rounded-md border border-zinc-200 p-3">
      <legend className="px-1 text-xs font-medium text-zinc-600">Custom access (write covers create, update and delete)</legend>
      <div className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
        {CUSTOM_RESOURCES.map((resource) => (
          <label key={resource} className="flex items-center justify-between gap-3 text-sm">
            <span className="text-zinc-800">{label(resource)}</span>
            <select
              name={`permissions.${resource}`}
              defaultValue={defaults?.[resource] ?? "none"}
              aria-label={`${label(resource)} access`}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm"
            >
              {CUSTOM_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {CUSTOM_LEVEL_LABELS[level]}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <FieldError id={errorId} errors={errors} />
    </fieldset>
  );
}
