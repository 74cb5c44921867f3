import "server-only";
import { db } from "@/lib/db";
import type { KeyRecord } from "./verify";
import type { CustomPermissions } from "@/lib/permissions";

/** The one indexed read behind verification (unique index on ApiKey.hash); no relations. */
export async function findKeyByHash(hash: string): Promise<KeyRecord | null> {
  const row = await db().apiKey.findUnique({
    where: { hash },
    select: { id: true, projectId: true, name: true, kind: true, role: true, scope: true, channelSlugs: true, permissions: true, expiresAt: true, revokedAt: true, rateLimit: true },
  });
  if (!row) return null;
  const { channelSlugs, permissions, ...rest } = row;
  return { ...rest, channels: channelSlugs ? channelSlugs.split(",") : [], permissions: permissions ? (JSON.parse(permissions) as CustomPermissions) : null };
}
