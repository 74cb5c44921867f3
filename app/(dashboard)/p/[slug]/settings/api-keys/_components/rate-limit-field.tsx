import { Field, inputClass } from "@/components/ui/field";

/** "Rate limit" (SPEC §6): requests per minute, empty for none. The form is noValidate: the server's checks and messages are the ones shown. */
export function RateLimitField({ id, defaultValue, errors }: { id: string; defaultValue?: number | null; errors?: string[] }) {
  return (
    <Field id={id} label="Rate limit" hint="Requests per minute; leave empty for no limit" errors={errors}>
      {(describedBy) => (
        <input
          id={id}
          name="rateLimit"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          placeholder="No limit"
          defaultValue={defaultValue ?? ""}
          className={inputClass}
          aria-invalid={Boolean(errors)}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
}
