import "server-only";
import { db } from "@/lib/db";
import type { KeyRecord } from "./verify";

/** The one indexed read behind verification (unique index on ApiKey.hash). */
export async function findKeyByHash(hash: string): Promise<KeyRecord | null> {
  const row = await db().apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      projectId: true,
      name: true,
      kind: true,
      role: true,
      scope: true,
      expiresAt: true,
      revokedAt: true,
      project: { select: { slug: true } },
      channels: { select: { channel: { select: { slug: true } } } },
    },
  });
  if (!row) return null;
  const { project, channels, ...rest } = row;
  return { ...rest, projectSlug: project.slug, channels: channels.map((c) => c.channel.slug).sort() };
}
