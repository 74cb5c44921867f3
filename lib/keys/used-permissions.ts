import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import type { AuditContext } from "@/lib/audit/record";
import { DomainError, notFound } from "@/lib/errors";
import { ACTIONS, can, CUSTOM_RESOURCES, CUSTOM_ROLE, MIN_ROLE, type Action, type CustomLevel, type CustomPermissions, type Resource } from "@/lib/permissions";
import { API_KEY } from "./format";
import { usage } from "./usage";
import { ownsKey } from "./usage-queries";
import { editKey } from "./edit";
import { storedPermissions } from "./service";

// Which permissions a key was authorised for, per UTC day (SPEC §15), and the one-click reduction
// of a key to a Custom key holding exactly those.

export const USED_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** One permission a key used in the window: how often, and the last UTC day it did. */
export type UsedPermission = { resource: Resource; action: Action; count: number; lastDay: string };

const isResource = (value: string): value is Resource => Object.hasOwn(MIN_ROLE, value);
const isAction = (value: string): value is Action => (ACTIONS as readonly string[]).includes(value);

/** The permissions the key used in the last 30 days (counts not yet written included), by resource then action. */
export async function usedPermissions(projectId: string, keyId: string): Promise<UsedPermission[]> {
  const since = new Date(Math.floor(now().getTime() / DAY_MS) * DAY_MS - (USED_WINDOW_DAYS - 1) * DAY_MS);
  if (!(await ownsKey(projectId, keyId))) return [];
  const stored = await db().keyPermissionUsage.findMany({ where: { keyId, day: { gte: since } }, select: { day: true, permission: true, count: true } });
  const pending = usage.peek(keyId).permissions.filter((p) => p.day >= since);
  const merged = new Map<string, UsedPermission>();
  for (const row of [...stored, ...pending]) {
    const [resource, action] = row.permission.split(":");
    if (!isResource(resource) || !isAction(action)) continue;
    const day = row.day.toISOString().slice(0, 10);
    const current = merged.get(row.permission);
    if (!current) merged.set(row.permission, { resource, action, count: row.count, lastDay: day });
    else {
      current.count += row.count;
      if (day > current.lastDay) current.lastDay = day;
    }
  }
  return [...merged.values()].sort((a, b) => a.resource.localeCompare(b.resource) || ACTIONS.indexOf(a.action) - ACTIONS.indexOf(b.action));
}

/** Every permission the role (and custom levels) grant, in the role table's order. */
export function grantedPermissions(role: string, custom: CustomPermissions | null): { resource: Resource; action: Action }[] {
  return (Object.keys(MIN_ROLE) as Resource[]).flatMap((resource) =>
    ACTIONS.filter((action) => action in MIN_ROLE[resource] && can(role, { resource, action }, custom).allowed).map((action) => ({ resource, action })),
  );
}

/**
 * The key page's view: the permissions used in the last 30 days, those the key holds but never
 * used (no use in all the history kept, 90 days), and what "Reduce to what it used" would give.
 */
export async function permissionUse(projectId: string, key: { id: string; role: string; permissions: CustomPermissions | null }) {
  const used = await usedPermissions(projectId, key.id);
  const ever = new Set([
    ...(await db().keyPermissionUsage.findMany({ where: { keyId: key.id }, distinct: ["permission"], select: { permission: true } })).map((row) => row.permission),
    ...used.map((p) => `${p.resource}:${p.action}`),
  ]);
  const neverUsed = grantedPermissions(key.role, key.permissions).filter((p) => !ever.has(`${p.resource}:${p.action}`));
  return { used, neverUsed, reduction: reductionWithin(key, used) };
}

/**
 * The reduction of a key as it now stands: only the permissions it still holds count (a key
 * narrowed since is not widened back), and a reduction that would allow anything the key cannot
 * do now is refused (Custom's "write" is create, update and delete together: an Editor key that
 * only created users cannot become one that deletes them).
 */
export function reductionWithin(key: { role: string; permissions: CustomPermissions | null }, used: Pick<UsedPermission, "resource" | "action">[]): Reduction {
  const held = used.filter((p) => can(key.role, p, key.permissions).allowed);
  const reduction = reductionOf(held);
  if (!reduction.possible) return reduction;
  const now = new Set(grantedPermissions(key.role, key.permissions).map((p) => `${p.resource}:${p.action}`));
  const wider = grantedPermissions("custom", reduction.permissions).find((p) => !now.has(`${p.resource}:${p.action}`));
  if (wider) {
    const level = reduction.permissions[wider.resource];
    return {
      possible: false,
      reason: `A Custom key with “${level}” on ${wider.resource.replace("_", " ")} could also ${wider.action} ${wider.resource.replace("_", " ")}, which this key cannot, so it cannot be reduced without widening it. Edit it by hand instead.`,
    };
  }
  // Nothing to reduce when the key already holds exactly that.
  if (key.role === "custom" && sameLevels(reduction.permissions, key.permissions ?? {})) return { possible: false, reason: "This key holds only what it used." };
  return reduction;
}

const sameLevels = (a: CustomPermissions, b: CustomPermissions) => storedPermissions(CUSTOM_ROLE, a) === storedPermissions(CUSTOM_ROLE, b);

export type Reduction = { possible: true; permissions: CustomPermissions } | { possible: false; reason: string };

/**
 * The Custom levels that allow exactly the resources and directions used: a resource only read
 * gets "read", one only written "write", one both "read_write", every other resource "none".
 * ("write" is the custom role's least grant for create, update or delete, SPEC §3.)
 */
export function reductionOf(used: Pick<UsedPermission, "resource" | "action">[]): Reduction {
  if (used.length === 0) return { possible: false, reason: `This key was not used in the last ${USED_WINDOW_DAYS} days, so there is nothing to reduce it to. Revoke or disable it instead.` };
  const adminOnly = used.find((p) => !CUSTOM_RESOURCES.includes(p.resource));
  if (adminOnly) {
    return { possible: false, reason: `This key used the admin API (${adminOnly.resource.replace("_", " ")}), which a Custom key cannot have, so it cannot be reduced.` };
  }
  const directions = new Map<Resource, Set<"read" | "write">>();
  for (const { resource, action } of used) {
    const set = directions.get(resource) ?? new Set();
    set.add(action === "read" ? "read" : "write");
    directions.set(resource, set);
  }
  const permissions: CustomPermissions = {};
  for (const [resource, set] of directions) {
    const level: CustomLevel = set.size === 2 ? "read_write" : set.has("read") ? "read" : "write";
    permissions[resource] = level;
  }
  return { possible: true, permissions };
}

/**
 * "Reduce to what it used": the key becomes a Custom key with the levels of `reductionOf`, through
 * the same edit as the Edit dialog (audited as key.updated, refused if the key changed since
 * `version`, undone by editing the role back).
 */
export async function reduceToUsed(projectId: string, keyId: string, version: number, ctx: AuditContext) {
  const key = await db().apiKey.findFirst({ where: { id: keyId, projectId, kind: API_KEY }, select: { kind: true, role: true, permissions: true, revokedAt: true } });
  if (!key) throw notFound("API key");
  if (key.kind !== "sk") throw new DomainError("validation_failed", "A publishable key keeps the Client role; only secret keys can be reduced to a Custom key.");
  if (key.revokedAt) throw new DomainError("conflict", "This key is revoked and can no longer be edited.");
  const permissions = key.permissions ? (JSON.parse(key.permissions) as CustomPermissions) : null;
  const reduction = reductionWithin({ role: key.role, permissions }, await usedPermissions(projectId, keyId));
  if (!reduction.possible) throw new DomainError("validation_failed", reduction.reason);
  return editKey(projectId, { id: keyId, version, role: "custom", permissions: reduction.permissions }, ctx);
}
