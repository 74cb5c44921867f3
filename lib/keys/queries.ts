import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { now } from "@/lib/clock";
import { lastUsed } from "./last-used";
import { API_KEY } from "./format";
import { DomainError } from "@/lib/errors";
import { keySearchSchema } from "./schemas";
import { valuesContaining, valuesEndingWith } from "@/lib/literal-search";
import type { KeyRole } from "@/lib/permissions";
import { flagWhere, keyFlags, unexpiredAt, type KeyFlag } from "./hygiene";
import { RESTRICTION_FIELDS, listOf } from "./restrictions";
import { DEFAULT_KEY_LIST, type KeyListParams, type KeySort, type KeyStatusFilter, type SortDirection } from "./list-params";

export const KEYS_PAGE_SIZE = 20;

export type KeyStatus = "active" | "disabled" | "revoked" | "expired";

export type KeyRow = {
  id: string;
  name: string;
  description: string;
  kind: string;
  role: string;
  scope: string;
  channels: { id: string; slug: string; name: string }[];
  permissions: Partial<Record<string, string>> | null;
  preview: string;
  /** Set once the key was rotated: the preview of the key that replaced it. */
  replacedBy: { id: string; preview: string } | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  expiresAt: Date | null;
  /** Requests per minute, or null for no limit. */
  rateLimit: number | null;
  /** Restrictions (SPEC §16): addresses and ranges (empty: anywhere), report only, a publishable key's origins, a quota per period. */
  allowedIps: string[];
  ipReportOnly: boolean;
  allowedOrigins: string[];
  quota: number | null;
  quotaPeriod: "day" | "month" | null;
  status: KeyStatus;
  revealable: boolean;
  /** Bumped by every change of the key's settings or state: its ETag, and what a conditional edit names. */
  version: number;
};

const KEY_ROW_FIELDS = {
  id: true,
  name: true,
  description: true,
  kind: true,
  role: true,
  scope: true,
  preview: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  expiresAt: true,
  revokedAt: true,
  disabledAt: true,
  encryptedKey: true,
  permissions: true,
  replacedById: true,
  rateLimit: true,
  ...RESTRICTION_FIELDS,
  version: true,
  channels: { select: { channel: { select: { id: true, slug: true, name: true } } } },
} as const;

type StoredKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof KEY_ROW_FIELDS }>;

/** Revoked and expired are final, so they win over disabled (which an admin can undo). */
export const keyStatus = (key: { revokedAt: Date | null; expiresAt: Date | null; disabledAt?: Date | null }, at: Date): KeyStatus =>
  key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= at ? "expired" : key.disabledAt ? "disabled" : "active";

function toKeyRow(stored: StoredKeyRow, replacements: Map<string, { id: string; preview: string }>, at: Date, secretsRevealable: boolean): KeyRow {
  const { encryptedKey, revokedAt, disabledAt, channels, permissions, replacedById, allowedIps, allowedOrigins, quotaPeriod, ...row } = stored;
  // Uses not yet written to the database (they are batched) count too.
  const pending = lastUsed.peek(row.id);
  const status = keyStatus({ revokedAt, disabledAt, expiresAt: row.expiresAt }, at);
  return {
    ...row,
    channels: channels.map((c) => c.channel).sort((a, b) => a.slug.localeCompare(b.slug)),
    permissions: permissions ? (JSON.parse(permissions) as Partial<Record<string, string>>) : null,
    allowedIps: listOf(allowedIps),
    allowedOrigins: listOf(allowedOrigins),
    quotaPeriod: quotaPeriod === "day" || quotaPeriod === "month" ? quotaPeriod : null,
    replacedBy: replacedById ? (replacements.get(replacedById) ?? { id: replacedById, preview: "a deleted key" }) : null,
    lastUsedAt: pending?.at ?? row.lastUsedAt,
    lastUsedIp: pending ? pending.ip : row.lastUsedIp,
    status,
    revealable: status !== "revoked" && encryptedKey !== null && (row.kind === "pk" || secretsRevealable),
  };
}

/** A preview search is at least the last 4 characters the table shows ("X7aQ", "…X7aQ", "lk_sk_…X7aQ"). */
const PREVIEW_TAIL = 4;

/** The filter of a status, as keyStatus decides it (revoked, then expired, then disabled, then active). */
function statusWhere(status: KeyStatusFilter, at: Date): Prisma.ApiKeyWhereInput {
  const unexpired = unexpiredAt(at);
  switch (status) {
    case "current":
      return { revokedAt: null };
    case "active":
      return { revokedAt: null, disabledAt: null, ...unexpired };
    case "expiring":
      return flagWhere("expiring", at);
    case "disabled":
      return { revokedAt: null, disabledAt: { not: null }, ...unexpired };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: at } };
    case "revoked":
      return { revokedAt: { not: null } };
    case "all":
      return {};
  }
}

/** Never used counts as the least recent use; never expiring as the latest expiry. The id breaks ties, so pages never overlap. */
function orderBy(sort: KeySort, dir: SortDirection): Prisma.ApiKeyOrderByWithRelationInput[] {
  const tieBreak: Prisma.ApiKeyOrderByWithRelationInput[] = [{ createdAt: dir }, { id: dir }];
  if (sort === "last_used") return [{ lastUsedAt: { sort: dir, nulls: dir === "asc" ? "first" : "last" } }, ...tieBreak];
  if (sort === "expires") return [{ expiresAt: { sort: dir, nulls: dir === "asc" ? "last" : "first" } }, ...tieBreak];
  return tieBreak;
}

/** Keys whose name contains the search, or whose preview ends with it (from 4 characters on). */
async function searchWhere(projectId: string, search: string): Promise<Prisma.ApiKeyWhereInput> {
  const tail = search.replace(/^\.\.\./, "…");
  const [names, previews] = await Promise.all([valuesContaining("keyName", projectId, search), tail.length >= PREVIEW_TAIL ? valuesEndingWith("keyPreview", projectId, tail) : []]);
  return { OR: [{ name: { in: names } }, ...(previews.length ? [{ preview: { in: previews } }] : [])] };
}

type ListOptions = Partial<Omit<KeyListParams, "role" | "flag">> & { role?: KeyRole; flag?: KeyFlag; secretsRevealable?: boolean };

/**
 * One page of a project's keys as the API Keys page asks for it (lib/keys/list-params.ts): searched
 * by name or preview, filtered by status (all but revoked by default) and role, sorted.
 * `secretsRevealable`: the viewer is an owner of a project with "Revealable secret keys" on.
 */
export async function listKeys(projectId: string, options: ListOptions = {}) {
  const { query, status, role, flag, sort, dir, page, secretsRevealable = false } = { ...DEFAULT_KEY_LIST, ...options };
  const parsed = keySearchSchema.safeParse(query.slice(0, 100));
  if (!parsed.success) throw new DomainError("validation_failed", parsed.error.issues[0].message);
  const search = parsed.data;
  const at = now();
  const where: Prisma.ApiKeyWhereInput = {
    projectId,
    kind: API_KEY,
    ...(role ? { role } : {}),
    AND: [statusWhere(status, at), flag ? flagWhere(flag, at) : {}, search ? await searchWhere(projectId, search) : {}],
  };
  const total = await db().apiKey.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / KEYS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount); // past the end (e.g. after a delete): the last page
  const rows = await db().apiKey.findMany({
    where,
    orderBy: orderBy(sort, dir),
    skip: (current - 1) * KEYS_PAGE_SIZE,
    take: KEYS_PAGE_SIZE,
    select: KEY_ROW_FIELDS,
  });
  const replacementIds = rows.map((r) => r.replacedById).filter((id): id is string => id !== null);
  const replacements = replacementIds.length
    ? new Map((await db().apiKey.findMany({ where: { projectId, id: { in: replacementIds } }, select: { id: true, preview: true } })).map((r) => [r.id, r]))
    : new Map<string, { id: string; preview: string }>();
  const keys = rows.map((row) => toKeyRow(row, replacements, at, secretsRevealable));
  // Flagged from the row as stored and its use not yet written, as its "Last used" column shows it.
  const flags = Object.fromEntries(rows.map((row, i) => [row.id, keyFlags({ ...row, lastUsedAt: keys[i].lastUsedAt }, at)]));
  return { keys, flags, total, page: current, pageCount };
}

/** Up to `limit + 1` of a project's keys after the id `after`, ordered by id: a page of the admin API's list (SPEC §7). */
export async function keysAfter(projectId: string, { limit, after }: { limit: number; after?: string }): Promise<KeyRow[]> {
  const rows = await db().apiKey.findMany({
    where: { projectId, kind: API_KEY, ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: KEY_ROW_FIELDS,
  });
  const replacementIds = rows.map((r) => r.replacedById).filter((id): id is string => id !== null);
  const replacements = new Map(replacementIds.map((id) => [id, { id, preview: "" }]));
  const at = now();
  return rows.map((row) => toKeyRow(row, replacements, at, false));
}

export async function countKeys(projectId: string): Promise<number> {
  return db().apiKey.count({ where: { projectId, kind: API_KEY } });
}

export type RotationStep = { id: string; preview: string; createdAt: Date; expiresAt: Date | null; status: KeyStatus; current: boolean };

const MAX_HISTORY = 50;

/**
 * One key for its detail page: its row, who created it, and its rotation history, oldest first:
 * the keys it replaced (following replacedById backwards) and the keys that replaced it.
 */
export async function keyDetail(projectId: string, id: string, { secretsRevealable = false } = {}) {
  const stored = await db().apiKey.findFirst({ where: { id, projectId, kind: API_KEY }, select: { ...KEY_ROW_FIELDS, createdById: true } });
  if (!stored) return null;
  const step = { id: true, preview: true, createdAt: true, expiresAt: true, revokedAt: true, disabledAt: true, replacedById: true } as const;
  const before: { id: string; preview: string; createdAt: Date; expiresAt: Date | null; revokedAt: Date | null; disabledAt: Date | null; replacedById: string | null }[] = [];
  for (let target = stored.id; before.length < MAX_HISTORY;) {
    const previous = await db().apiKey.findFirst({ where: { projectId, replacedById: target }, select: step });
    if (!previous) break;
    before.unshift(previous);
    target = previous.id;
  }
  const after: typeof before = [];
  for (let next = stored.replacedById; next && after.length < MAX_HISTORY;) {
    const replacement = await db().apiKey.findFirst({ where: { projectId, id: next }, select: step });
    if (!replacement) break;
    after.push(replacement);
    next = replacement.replacedById;
  }
  const at = now();
  const replacements = new Map(after.slice(0, 1).map((r) => [r.id, r]));
  const key = toKeyRow(stored, replacements, at, secretsRevealable);
  const history: RotationStep[] =
    before.length + after.length === 0
      ? []
      : [...before, stored, ...after].map((k) => ({ id: k.id, preview: k.preview, createdAt: k.createdAt, expiresAt: k.expiresAt, status: keyStatus(k, at), current: k.id === stored.id }));
  const createdBy = stored.createdById ? await db().user.findUnique({ where: { id: stored.createdById }, select: { name: true, email: true } }) : null;
  return { key, createdBy, history };
}
