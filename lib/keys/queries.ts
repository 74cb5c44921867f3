import "server-only";
import { db, isPostgres } from "@/lib/db";
import { now } from "@/lib/clock";
import { lastUsed } from "./last-used";

export const KEYS_PAGE_SIZE = 20;

export type KeyStatus = "active" | "revoked" | "expired";

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
  status: KeyStatus;
  revealable: boolean;
};

/** One page of a project's keys, newest first, optionally filtered by name (server-side). */
/** `secretsRevealable`: the viewer is an owner of a project with "Revealable secret keys" on. */
export async function listKeys(projectId: string, { query = "", page = 1, secretsRevealable = false }: { query?: string; page?: number; secretsRevealable?: boolean }) {
  const search = query.trim().slice(0, 100);
  const where = {
    projectId,
    ...(search ? { name: isPostgres() ? { contains: search, mode: "insensitive" as const } : { contains: search } } : {}),
  };
  const total = await db().apiKey.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / KEYS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount); // past the end (e.g. after a delete): the last page
  const rows = await db().apiKey.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * KEYS_PAGE_SIZE,
    take: KEYS_PAGE_SIZE,
    select: {
      id: true, name: true, description: true, kind: true, role: true, scope: true, preview: true,
      createdAt: true, lastUsedAt: true, lastUsedIp: true, expiresAt: true, revokedAt: true, encryptedKey: true, permissions: true, replacedById: true,
      channels: { select: { channel: { select: { id: true, slug: true, name: true } } } },
    },
  });
  const replacementIds = rows.map((r) => r.replacedById).filter((id): id is string => id !== null);
  const replacements = replacementIds.length
    ? new Map((await db().apiKey.findMany({ where: { projectId, id: { in: replacementIds } }, select: { id: true, preview: true } })).map((r) => [r.id, r]))
    : new Map<string, { id: string; preview: string }>();
  const at = now();
  const keys: KeyRow[] = rows.map(({ encryptedKey, revokedAt, channels, permissions, replacedById, ...row }) => {
    const pending = lastUsed.peek(row.id);
    const status: KeyStatus = revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= at ? "expired" : "active";
    return {
      ...row,
      channels: channels.map((c) => c.channel).sort((a, b) => a.slug.localeCompare(b.slug)),
      permissions: permissions ? (JSON.parse(permissions) as Partial<Record<string, string>>) : null,
      replacedBy: replacedById ? (replacements.get(replacedById) ?? { id: replacedById, preview: "a deleted key" }) : null,
      lastUsedAt: pending?.at ?? row.lastUsedAt,
      lastUsedIp: pending ? pending.ip : row.lastUsedIp,
      status,
      revealable: status !== "revoked" && encryptedKey !== null && (row.kind === "pk" || secretsRevealable),
    };
  });
  return { keys, total, page: current, pageCount };
}

export async function countKeys(projectId: string): Promise<number> {
  return db().apiKey.count({ where: { projectId } });
}
