import "server-only";
import { db } from "@/lib/db";
import type { KeyRecord } from "./verify";

/**
 * The indexed read behind verification: one query on the unique ApiKey.hash index. Prisma would
 * fetch relations with extra queries, so the channel slugs (needed only by channel-scoped keys)
 * come in a second read for those keys alone.
 */
export async function findKeyByHash(hash: string): Promise<KeyRecord | null> {
  const row = await db().apiKey.findUnique({
    where: { hash },
    select: { id: true, projectId: true, name: true, kind: true, role: true, scope: true, expiresAt: true, revokedAt: true },
  });
  if (!row) return null;
  if (row.scope !== "channels") return { ...row, channels: [] };
  const links = await db().keyChannel.findMany({ where: { keyId: row.id }, select: { channel: { select: { slug: true } } } });
  return { ...row, channels: links.map((l) => l.channel.slug).sort() };
}
