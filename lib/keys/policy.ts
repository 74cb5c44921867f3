import { z } from "zod";
import { EXPIRY_CHOICES, MAX_EXPIRY_DAYS } from "./schemas";

// The project key policy (SPEC §15), set by owners on the Security page: a maximum lifetime for
// new and rotated keys, an expiry required for Admin keys, and disabling keys unused for N days.
// The rules here are read by the create dialog (which choices it offers), by the key service
// (which refuses or shortens) and by the daily job.

export type KeyPolicy = { maxLifetimeDays: number | null; adminRequiresExpiry: boolean; disableUnusedAfterDays: number | null };
export const NO_POLICY: KeyPolicy = { maxLifetimeDays: null, adminRequiresExpiry: false, disableUnusedAfterDays: null };

const DAY_MS = 86_400_000;
/** What a rotated Admin key gets when an expiry is required and no maximum lifetime says how long. */
export const DEFAULT_REQUIRED_LIFETIME_DAYS = 90;
export const MAX_UNUSED_DAYS = 365;

/** An empty field means "no limit"; otherwise whole days in range. */
const daysField = (label: string, min: number, max: number) =>
  z.preprocess(
    (value) => (value === "" || value === undefined || value === null ? null : typeof value === "string" ? Number(value.trim()) : value),
    z
      .number({ error: `${label}: enter a whole number of days, or leave it empty.` })
      .int(`${label}: enter a whole number of days.`)
      .min(min, `${label}: at least ${min} ${min === 1 ? "day" : "days"}.`)
      .max(max, `${label}: at most ${max.toLocaleString("en")} days.`)
      .nullable(),
  );

/** The Security page's form: checkboxes post "on" when ticked and nothing when not. */
export const keyPolicySchema = z.object({
  maxLifetimeDays: daysField("Maximum lifetime", 1, MAX_EXPIRY_DAYS),
  adminRequiresExpiry: z
    .enum(["on", "off"])
    .optional()
    .default("off")
    .transform((v) => v === "on"),
  disableUnusedAfterDays: daysField("Disable keys unused for", 7, MAX_UNUSED_DAYS),
});

/**
 * The latest expiry the maximum lifetime allows for a key made at `from`: the end of the UTC day
 * `maxLifetimeDays` later, since a chosen date expires at the end of its day.
 */
export function latestExpiry(policy: KeyPolicy, from: Date): Date | null {
  if (policy.maxLifetimeDays === null) return null;
  const day = Math.floor((from.getTime() + policy.maxLifetimeDays * DAY_MS) / DAY_MS) * DAY_MS;
  return new Date(day + DAY_MS - 1);
}

/** Why a new key's expiry breaks the policy, or null; `expiresAt` null means never. */
export function expiryRefusal(policy: KeyPolicy, role: string, expiresAt: Date | null, from: Date): string | null {
  const latest = latestExpiry(policy, from);
  if (latest) {
    if (expiresAt === null || expiresAt > latest) return `This project's key policy: keys must expire within ${policy.maxLifetimeDays} days.`;
  }
  if (role === "admin" && policy.adminRequiresExpiry && expiresAt === null) return "This project's key policy: Admin keys must have an expiry date.";
  return null;
}

/**
 * The expiry of a rotated key's replacement: the old key's, shortened to the maximum lifetime from
 * now, and given one where the policy requires it. Rotation is how a leaked key is replaced, so it
 * is never refused for the policy's sake.
 */
export function replacementExpiry(policy: KeyPolicy, role: string, inherited: Date | null, at: Date): Date | null {
  const latest = latestExpiry(policy, at);
  let expiry = inherited;
  if (latest && (expiry === null || expiry > latest)) expiry = latest;
  if (expiry === null && role === "admin" && policy.adminRequiresExpiry) expiry = new Date(at.getTime() + DEFAULT_REQUIRED_LIFETIME_DAYS * DAY_MS);
  return expiry;
}

/** The create dialog's expiry choices the policy allows for a role ("custom" stays, bounded by `latestDate`). */
export function allowedExpiryChoices(policy: KeyPolicy, role: string): (typeof EXPIRY_CHOICES)[number][] {
  return EXPIRY_CHOICES.filter((choice) => {
    if (choice === "custom") return true;
    if (choice === "never") return policy.maxLifetimeDays === null && !(role === "admin" && policy.adminRequiresExpiry);
    return policy.maxLifetimeDays === null || Number(choice) <= policy.maxLifetimeDays;
  });
}
