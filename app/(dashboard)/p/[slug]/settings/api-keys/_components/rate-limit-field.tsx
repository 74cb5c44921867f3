import { TextField } from "@/components/ui/text-field";
import { rateLimitSchema } from "@/lib/keys/schemas";

/**
 * "Rate limit" (SPEC §6): requests per minute, empty for none. A text input, not type="number":
 * a number input hands the form "" for "abc" or "1e", which would read as no limit.
 */
export function RateLimitField({ id, defaultValue, errors }: { id: string; defaultValue?: number | null; errors?: string[] }) {
  return (
    <TextField
      id={id}
      name="rateLimit"
      label="Rate limit"
      hint="Requests per minute; leave empty for no limit"
      inputMode="numeric"
      autoComplete="off"
      placeholder="No limit"
      defaultValue={defaultValue ?? ""}
      errors={errors}
    />
  );
}

/** The server's check, run before submitting, so letters are refused under the field at once. */
export function checkRateLimit(form: FormData): Record<string, string[]> | undefined {
  if (!form.has("rateLimit")) return undefined;
  const parsed = rateLimitSchema.safeParse(form.get("rateLimit"));
  return parsed.success ? undefined : { rateLimit: [parsed.error.issues[0].message] };
}
