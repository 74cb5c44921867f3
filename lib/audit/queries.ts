import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { encodeListCursor } from "@/lib/crypto/list-cursor";
import { pageResult, type PageResult } from "@/lib/api/pagination";
import { AUDIT_LOG_LIST, auditCursorPosition, type AuditFilters } from "./schemas";
import { valuesContaining } from "@/lib/literal-search";

// Reads of a project's audit log (SPEC §8): newest first, filtered, in stable cursor pages.

export type AuditEntryDto = {
  id: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  action: string;
  actor: { type: string; id: string | null; label: string };
  target: { type: string; id: string | null; label: string | null } | null;
  ip: string | null;
  userAgent: string | null;
  changes: Record<string, unknown> | null;
};

export type AuditPage = PageResult<AuditEntryDto>;

const SELECT = {
  id: true,
  createdAt: true,
  action: true,
  actorType: true,
  actorId: true,
  actorLabel: true,
  targetType: true,
  targetId: true,
  targetLabel: true,
  ip: true,
  userAgent: true,
  changes: true,
} as const;

type Row = Prisma.AuditEntryGetPayload<{ select: typeof SELECT }>;

function parseChanges(raw: string | null): Record<string, unknown> | null {
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: raw };
  }
}

function toDto(row: Row): AuditEntryDto {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    action: row.action,
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    target: row.targetType ? { type: row.targetType, id: row.targetId, label: row.targetLabel } : null,
    ip: row.ip,
    userAgent: row.userAgent,
    changes: parseChanges(row.changes),
  };
}

/** An entry's place in the log's order (time in ms, base 36, and id), as auditCursorPosition reads it back. */
const positionOf = (entry: { id: string; createdAt: string | Date }) => `${new Date(entry.createdAt).getTime().toString(36)}_${entry.id}`;

export const encodeCursor = (entry: { id: string; createdAt: string | Date }): string => encodeListCursor(AUDIT_LOG_LIST, positionOf(entry));

async function whereOf(projectId: string, filters: AuditFilters, cursor?: string): Promise<Prisma.AuditEntryWhereInput> {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (filters.action) and.push({ action: filters.action.endsWith(".") ? { startsWith: filters.action } : filters.action });
  if (filters.actor) {
    and.push({ OR: [{ actorId: filters.actor }, { actorLabel: { in: await valuesContaining("auditActorLabel", projectId, filters.actor) } }] });
  }
  if (filters.from || filters.to) and.push({ createdAt: { ...(filters.from && { gte: filters.from }), ...(filters.to && { lte: filters.to }) } });
  const after = cursor ? auditCursorPosition(cursor) : null;
  if (after) and.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
  return { projectId, AND: and };
}

/** One page of a project's audit entries, newest first; `nextCursor` is null on the last page. */
export async function listAuditEntries(projectId: string, filters: AuditFilters, page: { limit: number; cursor?: string }): Promise<AuditPage> {
  const rows = await db().auditEntry.findMany({
    where: await whereOf(projectId, filters, page.cursor),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1, // one more than shown tells whether another page exists
    select: SELECT,
  });
  return pageResult(rows.map(toDto), { list: AUDIT_LOG_LIST, limit: page.limit }, positionOf);
}

/** Every entry that matches, newest first, read in batches so an export never holds the whole log. */
export async function* allAuditEntries(projectId: string, filters: AuditFilters, batch = 500): AsyncGenerator<AuditEntryDto> {
  let cursor: string | undefined;
  do {
    const page = await listAuditEntries(projectId, filters, { limit: batch, cursor });
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** The distinct actions in a project's log, for the action filter. */
export async function listAuditActions(projectId: string): Promise<string[]> {
  const groups = await db().auditEntry.groupBy({ by: ["action"], where: { projectId }, orderBy: { action: "asc" } });
  return groups.map((g) => g.action);
}

/**
 * The newest entries about one key, for its detail page: its own, plus the rotation that issued
 * it (recorded on the key it replaced).
 */
export async function auditEntriesAboutKey(projectId: string, keyId: string, replacedKeyId: string | null, limit = 50): Promise<AuditEntryDto[]> {
  const issuedBy = replacedKeyId ? [{ targetId: replacedKeyId, action: "key.rotated" }] : [];
  const rows = await db().auditEntry.findMany({
    where: { projectId, OR: [{ targetId: keyId }, ...issuedBy] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: SELECT,
  });
  return rows.map(toDto);
}
