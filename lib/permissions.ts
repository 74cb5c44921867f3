// The role tables (SPEC §1, §3). Server checks, UI pickers and descriptions all read from here.

// ---- API key roles -------------------------------------------------------------------------
export const API_ROLES = ["client", "support", "editor", "admin"] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** Every role a key can have: the four of the table, then "custom" (a level per resource). */
export const KEY_ROLES = [...API_ROLES, "custom"] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

export const ROLE_INFO: Record<KeyRole, { label: string; kind: "pk" | "sk"; tone: "gray" | "brand" | "red" | "amber"; description: string }> = {
  client: { label: "Client", kind: "pk", tone: "gray", description: "Publishable. Creates and updates users, events, organizations and subscriptions; reads nothing." },
  support: { label: "Support", kind: "sk", tone: "brand", description: "Everything Client can do, plus read access to all resources except providers, integrations and admin data." },
  editor: { label: "Editor", kind: "sk", tone: "brand", description: "Everything Support can do, plus manage campaigns, templates, journeys and lists, and send messages." },
  admin: { label: "Admin", kind: "sk", tone: "red", description: "Full access, including providers, integrations, deletes and the admin API (keys, members, audit log)." },
  custom: { label: "Custom", kind: "sk", tone: "amber", description: "Secret. Exactly the access you choose, resource by resource; never the admin API." },
};

export const ACTIONS = ["read", "create", "update", "delete"] as const;
export type Action = (typeof ACTIONS)[number];

const CLIENT_WRITES = { create: "client", update: "client", read: "support" } as const;
const EDITOR_CONTENT = { read: "support", create: "editor", update: "editor", delete: "editor" } as const;
const ADMIN_ONLY = { read: "admin", create: "admin", update: "admin", delete: "admin" } as const;

/** For each resource and action, the least role that may do it (roles are additive). */
export const MIN_ROLE = {
  users: { ...CLIENT_WRITES, delete: "admin" },
  organizations: { ...CLIENT_WRITES, delete: "admin" },
  events: { create: "client", read: "support" },
  subscriptions: { ...CLIENT_WRITES, delete: "admin" },
  campaigns: EDITOR_CONTENT,
  templates: EDITOR_CONTENT,
  journeys: EDITOR_CONTENT,
  lists: EDITOR_CONTENT,
  tags: EDITOR_CONTENT,
  documents: EDITOR_CONTENT,
  locales: EDITOR_CONTENT,
  actions: { read: "support", create: "editor", update: "editor", delete: "admin" },
  channels: { read: "support", create: "editor", update: "editor", delete: "admin" },
  messages: { read: "support", create: "editor" },
  providers: ADMIN_ONLY,
  integrations: ADMIN_ONLY,
  keys: ADMIN_ONLY,
  members: ADMIN_ONLY,
  audit_log: ADMIN_ONLY,
  oauth_clients: ADMIN_ONLY,
} as const satisfies Record<string, Partial<Record<Action, ApiRole>>>;

export type Resource = keyof typeof MIN_ROLE;
export type Permission = { resource: Resource; action: Action } | "any";

const rank = (role: ApiRole) => API_ROLES.indexOf(role);

export function isApiRole(value: unknown): value is ApiRole {
  return typeof value === "string" && (API_ROLES as readonly string[]).includes(value);
}

export function rolesFor(kind: "pk" | "sk"): ApiRole[] {
  return API_ROLES.filter((r) => ROLE_INFO[r].kind === kind);
}

export type PermissionCheck = { allowed: true } | { allowed: false; message: string };

// ---- The "custom" role (SPEC §3): a level per resource --------------------------------------
export const CUSTOM_ROLE = "custom";
export const CUSTOM_LEVELS = ["none", "read", "write", "read_write"] as const;
export type CustomLevel = (typeof CUSTOM_LEVELS)[number];
export type CustomPermissions = Partial<Record<Resource, CustomLevel>>;
export const CUSTOM_LEVEL_LABELS: Record<CustomLevel, string> = { none: "None", read: "Read", write: "Write", read_write: "Read & write" };
/** What a custom key may be granted: the project's data, never the admin API. */
export const CUSTOM_RESOURCES = (Object.keys(MIN_ROLE) as Resource[]).filter((r) => !["keys", "members", "audit_log", "oauth_clients"].includes(r));

function canCustom(permissions: CustomPermissions | null | undefined, permission: Exclude<Permission, "any">): PermissionCheck {
  const level = CUSTOM_RESOURCES.includes(permission.resource) ? (permissions?.[permission.resource] ?? "none") : "none";
  const reading = permission.action === "read";
  if (level === "read_write" || (reading ? level === "read" : level === "write")) return { allowed: true };
  const verb = reading ? "read" : "write";
  return { allowed: false, message: `This key's role "custom" cannot ${verb} ${permission.resource.replace("_", " ")} (its permission for it is "${level}").` };
}

/** The one authorisation decision for API keys. Unknown roles are denied (fail closed). */
export function can(role: string, permission: Permission, custom?: CustomPermissions | null): PermissionCheck {
  if (role === CUSTOM_ROLE) return permission === "any" ? { allowed: true } : canCustom(custom, permission);
  if (!isApiRole(role)) return { allowed: false, message: "This key has no valid role." };
  if (permission === "any") return { allowed: true };
  const least = (MIN_ROLE[permission.resource] as Partial<Record<Action, ApiRole>>)[permission.action];
  if (least && rank(role) >= rank(least)) return { allowed: true };
  const verb = permission.action === "read" ? "read" : "write";
  const needs = least ? API_ROLES.slice(rank(least)).join(" or ") : "a role that no key has";
  return {
    allowed: false,
    message: `This key's role "${role}" cannot ${verb} ${permission.resource.replace("_", " ")} (needs ${needs}).`,
  };
}

// ---- Dashboard member roles ----------------------------------------------------------------
export const MEMBER_ROLES = ["viewer", "admin", "owner"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export function hasMemberRole(role: string, least: MemberRole): boolean {
  const have = MEMBER_ROLES.indexOf(role as MemberRole);
  return have >= 0 && have >= MEMBER_ROLES.indexOf(least);
}

/** Shown in the Members page's role pickers and table, owner first. */
export const MEMBER_ROLE_INFO: Record<MemberRole, { label: string; tone: "gray" | "brand" | "green"; description: string }> = {
  owner: { label: "Owner", tone: "brand", description: "Everything an admin can do, plus managing owners and the project's secret-key settings." },
  admin: { label: "Admin", tone: "green", description: "Manages API keys, channels and members (except owners), and gets the key e-mails." },
  viewer: { label: "Viewer", tone: "gray", description: "Sees the keys, channels, members and audit log, but changes nothing." },
};
