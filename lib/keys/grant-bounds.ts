import { ACTIONS, can, MIN_ROLE, type Action, type CustomPermissions, type Resource } from "@/lib/permissions";
import { rangeWithin } from "./restrictions";

// SPEC §7: a key never grants more than it holds, and never edits, revokes or deletes a key that
// holds more than it does. Pure, so the admin API and the dashboard ask the same question. Roles are
// compared by what they allow (every resource and action of the role table), which orders the four
// roles and bounds a Custom key's levels by the same rule.

/** Where and how much a key may be used (SPEC §16), as far as granting is concerned. */
export type GrantRestrictions = { allowedIps: string[]; ipReportOnly: boolean; quota: { limit: number; period: "day" | "month" } | null } | null;

/** What a key holds, or would hold after an edit. Channels are slugs. */
export type KeyGrant = { role: string; permissions?: CustomPermissions | null; scope: string; channels: string[]; rateLimit: number | null; restrictions?: GrantRestrictions };

export type GrantExcess = { code: "insufficient_permissions" | "scope_violation"; message: string };

/** The first thing `other` holds beyond `holder`, or null when it stays within it. */
type Excess = { kind: "permission"; action: Action; resource: Resource } | { kind: "all_recipients" } | { kind: "channels"; outside: string[] } | { kind: "rate_limit"; asked: string };

function excessOver(holder: KeyGrant, other: KeyGrant): Excess | null {
  for (const resource of Object.keys(MIN_ROLE) as Resource[]) {
    for (const action of ACTIONS) {
      const permission = { resource, action };
      if (can(other.role, permission, other.permissions).allowed && !can(holder.role, permission, holder.permissions).allowed) return { kind: "permission", action, resource };
    }
  }
  if (holder.scope === "channels") {
    if (other.scope !== "channels") return { kind: "all_recipients" };
    const outside = [...new Set(other.channels.filter((slug) => !holder.channels.includes(slug)))];
    if (outside.length > 0) return { kind: "channels", outside };
  }
  if (holder.rateLimit !== null && (other.rateLimit === null || other.rateLimit > holder.rateLimit)) {
    return { kind: "rate_limit", asked: other.rateLimit === null ? "unlimited" : String(other.rateLimit) };
  }
  return null;
}

const codeOf = (excess: Excess): GrantExcess["code"] => (excess.kind === "all_recipients" || excess.kind === "channels" ? "scope_violation" : "insufficient_permissions");
const named = (resource: Resource) => resource.replace("_", " ");

/**
 * A key restricted in where or how much it may be used grants only keys restricted as much: an
 * enforced allow list only keys whose ranges all lie within it, a quota only keys with a quota no
 * larger (per day if the holder's is per day). Otherwise a key used from its one allowed address
 * could mint a key usable from anywhere.
 */
function restrictionExcess(holder: KeyGrant, granted: KeyGrant): string | null {
  const mine = holder.restrictions;
  if (!mine) return null;
  const theirs = granted.restrictions;
  if (mine.allowedIps.length > 0 && !mine.ipReportOnly) {
    const ranges = theirs && !theirs.ipReportOnly ? theirs.allowedIps : [];
    if (ranges.length === 0) return `This key may be used only from its allowed IP addresses (${mine.allowedIps.join(", ")}), so a key it grants must be limited to addresses within them.`;
    const outside = ranges.filter((range) => !mine.allowedIps.some((allowed) => rangeWithin(range, allowed)));
    if (outside.length > 0) return `This key may be used only from ${mine.allowedIps.join(", ")}; it cannot grant ${outside.join(", ")}.`;
  }
  if (mine.quota) {
    const quota = theirs?.quota;
    if (!quota || quota.limit > mine.quota.limit || (mine.quota.period === "day" && quota.period === "month")) {
      return `This key has a quota of ${mine.quota.limit} requests per ${mine.quota.period}, so a key it grants must have a quota of at most that many per ${mine.quota.period}.`;
    }
  }
  return null;
}

/** Why `granted` exceeds what `holder` holds, or null when it stays within it. */
export function grantExcess(holder: KeyGrant, granted: KeyGrant): GrantExcess | null {
  const restricted = restrictionExcess(holder, granted);
  if (restricted) return { code: "insufficient_permissions", message: restricted };
  const excess = excessOver(holder, granted);
  if (!excess) return null;
  const mine = `This key is scoped to ${holder.channels.join(", ")}`;
  const message =
    excess.kind === "permission"
      ? `This key cannot grant the role "${granted.role}" with these permissions: it could ${excess.action} ${named(excess.resource)}, which this key cannot.`
      : excess.kind === "all_recipients"
        ? `${mine}; it cannot grant all recipients.`
        : excess.kind === "channels"
          ? `${mine}; it cannot grant ${excess.outside.join(", ")}.`
          : `This key is limited to ${holder.rateLimit} requests per minute, so it can grant at most ${holder.rateLimit} requests per minute, not ${excess.asked}.`;
  return { code: codeOf(excess), message };
}

/**
 * Why `holder` may not edit, revoke or delete `target` as it stands (it holds more than `holder`),
 * or null when the target is within the holder. A key is within itself.
 */
export function heldExcess(holder: KeyGrant, target: KeyGrant & { name: string }): GrantExcess | null {
  const excess = excessOver(holder, target);
  if (!excess) return null;
  const detail =
    excess.kind === "permission"
      ? `it can ${excess.action} ${named(excess.resource)}, which this key cannot`
      : excess.kind === "all_recipients"
        ? `it reaches all recipients, and this key is scoped to ${holder.channels.join(", ")}`
        : excess.kind === "channels"
          ? `it reaches ${excess.outside.join(", ")}, outside this key's channels (${holder.channels.join(", ")})`
          : `its rate limit (${excess.asked}) is above this key's ${holder.rateLimit} requests per minute`;
  return { code: codeOf(excess), message: `The key "${target.name}" holds more than this key: ${detail}. A key can edit, revoke or delete only keys within what it holds.` };
}
