import { can, CUSTOM_RESOURCES, MIN_ROLE, type Action, type CustomLevel, type CustomPermissions, type Resource } from "@/lib/permissions";

// OAuth scopes are permissions (SPEC §14): `<resource>:read` and `<resource>:write` over the
// resources a custom key may be granted, never the admin API. A token's scope becomes a custom
// key's permission set, so the one `can()` decides for tokens as for keys.

export const SCOPE_ACTIONS = ["read", "write"] as const;
type ScopeAction = (typeof SCOPE_ACTIONS)[number];

const actionsOf = (resource: Resource) => Object.keys(MIN_ROLE[resource]) as Action[];
const writesOf = (resource: Resource) => actionsOf(resource).filter((action) => action !== "read");

/** Every scope there is, in a stable order: each resource's read then write, where it has them. */
export const SCOPES: readonly string[] = CUSTOM_RESOURCES.flatMap((resource) => [
  ...(actionsOf(resource).includes("read") ? [`${resource}:read`] : []),
  ...(writesOf(resource).length > 0 ? [`${resource}:write`] : []),
]);
const KNOWN = new Set(SCOPES);

export type ParsedScope = { ok: true; scopes: string[] } | { ok: false; unknown: string[] };

/** A space-separated scope string (RFC 6749 §3.3): known scopes only, duplicates dropped, sorted. */
export function parseScope(text: string): ParsedScope {
  const items = text.split(" ").filter((item) => item !== "");
  const unknown = [...new Set(items.filter((item) => !KNOWN.has(item)))];
  if (unknown.length > 0) return { ok: false, unknown };
  return { ok: true, scopes: [...new Set(items)].sort() };
}

export const formatScope = (scopes: readonly string[]) => [...scopes].sort().join(" ");

/** The custom-key permission set a scope grants ("campaigns:read campaigns:write" → read_write). */
export function scopePermissions(scope: string): CustomPermissions {
  const permissions: CustomPermissions = {};
  for (const item of scope.split(" ")) {
    const [resource, action] = item.split(":") as [Resource, ScopeAction];
    if (!KNOWN.has(item)) continue;
    const had = permissions[resource];
    const level: CustomLevel = had && had !== action ? "read_write" : action;
    permissions[resource] = level;
  }
  return permissions;
}

/** The scopes a key holds: read where it may read, write where it may do every write of the resource. */
export function heldScopes(holder: { role: string; permissions: CustomPermissions | null }): string[] {
  const allowed = (resource: Resource, action: Action) => can(holder.role, { resource, action }, holder.permissions).allowed;
  return SCOPES.filter((scope) => {
    const [resource, action] = scope.split(":") as [Resource, ScopeAction];
    return action === "read" ? allowed(resource, "read") : writesOf(resource).every((write) => allowed(resource, write));
  });
}

/** The scope a permission needs (`users:read`, `campaigns:write`), or null where no scope reaches (the admin API). */
export function scopeFor(permission: { resource: Resource; action: Action }): string | null {
  const scope = `${permission.resource}:${permission.action === "read" ? "read" : "write"}`;
  return KNOWN.has(scope) ? scope : null;
}

/** The scopes in `requested` that `granted` does not include. */
export function scopesBeyond(requested: readonly string[], granted: readonly string[]): string[] {
  const have = new Set(granted);
  return requested.filter((scope) => !have.has(scope));
}
