import { quotaSchema } from "@/lib/keys/schemas";
import type { QuotaPeriod } from "@/lib/keys/quota";
import { checkRateLimit } from "./rate-limit-field";

// The restriction fields' form plumbing (SPEC §16), shared by the Create and Edit dialogs and the
// key page. No "use client": the key page (a server component) formats the quota with it too.

export const QUOTA_PERIOD_LABELS: Record<QuotaPeriod, string> = { day: "Day", month: "Month" };

/** "1,000 requests per day", "1 request per month", or "None". */
export function quotaText(quota: number | null, period: QuotaPeriod | null): string {
  if (quota === null || period === null) return "None";
  return `${quota.toLocaleString("en")} ${quota === 1 ? "request" : "requests"} per ${period}`;
}

/** The server's number checks, run before submitting (letters in "Rate limit" or "Quota" are refused under the field at once). */
export function checkKeyForm(form: FormData): Record<string, string[]> | undefined {
  const errors: Record<string, string[]> = { ...checkRateLimit(form) };
  if (form.has("quota")) {
    const parsed = quotaSchema.safeParse(form.get("quota"));
    if (!parsed.success) errors.quota = [parsed.error.issues[0].message];
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/**
 * An edit sends only the fields changed (useChangedFields), but a quota means nothing without its
 * period: whenever "Quota" goes, "Quota period" goes with it, and the other way round.
 */
export function withQuotaPeriod(select: (form: FormData) => FormData): (form: FormData) => FormData {
  return (form) => {
    const sent = select(form);
    for (const [field, partner] of [
      ["quota", "quotaPeriod"],
      ["quotaPeriod", "quota"],
    ] as const) {
      const value = form.get(partner);
      if (sent.has(field) && !sent.has(partner) && typeof value === "string") sent.append(partner, value);
    }
    return sent;
  };
}
