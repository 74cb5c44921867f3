import "server-only";
import { db } from "@/lib/db";
import { API_KEY } from "@/lib/keys/format";

export async function listChannels(projectId: string) {
  const rows = await db().channel.findMany({
    where: { projectId },
    orderBy: { slug: "asc" },
    // API keys only: an OAuth client's backing row is not a key (lib/oauth/clients.ts).
    select: { id: true, name: true, slug: true, createdAt: true, version: true, _count: { select: { keys: { where: { key: { kind: API_KEY } } } } } },
  });
  return rows.map(({ _count, ...c }) => ({ ...c, keyCount: _count.keys }));
}
export type ChannelRow = Awaited<ReturnType<typeof listChannels>>[number];

/** One channel as an edit form shows it (its "Reload" after a refused save). */
export function channelForEdit(projectId: string, id: string) {
  return db().channel.findFirst({ where: { id, projectId }, select: { id: true, name: true, slug: true, version: true } });
}
