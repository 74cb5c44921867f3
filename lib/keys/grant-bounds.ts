import { ACTIONS, can, MIN_ROLE, type CustomPermissions, type Resource } from "@/lib/permissions";

// SPEC §7: a key never grants more than it holds. Pure, so the admin API and the dashboard ask the
// same question. Roles are compared by what they allow (every resource and action of the role
// table), which orders the four roles and bounds a Custom key's levels by the same rule.

/** What a key holds, or would hold after an edit. Channels are slugs. */
export type KeyGrant = { role: string; permissions?: CustomPermissions | null; scope: string; channels: string[]; rateLimit: number | null };

export type GrantExcess = { code: "insufficient_permissions" | "scope_violation"; message: string };

/** Why `granted` exceeds what `holder` holds, or null when it stays within it. */
export function grantExcess(holder: KeyGrant, granted: KeyGrant): GrantExcess | null {
  for (const resource of Object.keys(MIN_ROLE) as Resource[]) {
    for (const action of ACTIONS) {
      const permission = { resource, action };
      if (can(granted.role, permission, granted.permissions).allowed && !can(holder.role, permission, holder.permissions).allowed) {
        return { code: "insufficient_permissions", message: `This key cannot grant the role "${granted.role}" with these permissions: it could ${action} ${resource.replace("_", " ")}, which this key cannot.` };
      }
    }
  }
  if (holder.scope === "channels") {
    const mine = `This key is scoped to ${holder.channels.join(", ")}`;
    if (granted.scope !== "channels") return { code: "scope_violation", message: `${mine}; it cannot grant all recipients.` };
    const outside = [...new Set(granted.channels.filter((slug) => !holder.channels.includes(slug)))];
    if (outside.length > 0) return { code: "scope_violation", message: `${mine}; it cannot grant ${outside.join(", ")}.` };
  }
  if (holder.rateLimit !== null && (granted.rateLimit === null || granted.rateLimit > holder.rateLimit)) {
    const asked = granted.rateLimit === null ? "unlimited" : String(granted.rateLimit);
    return { code: "insufficient_permissions", message: `This key is limited to ${holder.rateLimit} requests per minute, so it can grant at most ${holder.rateLimit} requests per minute, not ${asked}.` };
  }
  return null;
}
