import "server-only";
import { db, type Tx } from "@/lib/db";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { DomainError, notFound } from "@/lib/errors";
import { checkVersion, throwIfStale } from "@/lib/versioned-write";
import { API_KEY } from "@/lib/keys/format";

export async function createChannel(projectId: string, input: { name: string; slug: string }, ctx: AuditContext) {
  try {
    return await db().$transaction(async (tx) => {
      const channel = await tx.channel.create({ data: { projectId, name: input.name, slug: input.slug }, select: { id: true, slug: true } });
      await recordAudit(tx, ctx, { projectId, action: "channel.created", target: { type: "channel", id: channel.id, label: input.slug }, changes: input });
      return channel;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new DomainError("conflict", `A channel with the slug "${input.slug}" already exists in this project.`, "slug");
    }
    throw error;
  }
}

/** `expected`: the versions the caller allows (If-Match); another version throws StaleVersion. */
export async function renameChannel(projectId: string, input: { id: string; name: string }, ctx: AuditContext, expected?: number[]) {
  return db().$transaction(async (tx) => {
    const channel = await tx.channel.findFirst({ where: { id: input.id, projectId }, select: { id: true, name: true, slug: true, version: true } });
    if (!channel) throw notFound("Channel");
    checkVersion(channel, expected);
    // Conditional on the version read, so a conditional rename racing another write cannot land after it.
    const [renamed] = await tx.channel.updateManyAndReturn({
      where: { id: channel.id, ...(expected ? { version: channel.version } : {}) },
      data: { name: input.name, version: { increment: 1 } },
      select: { version: true },
    });
    if (!renamed) {
      await throwIfStale(expected, channelVersion(tx, channel.id));
      throw notFound("Channel");
    }
    await recordAudit(tx, ctx, { projectId, action: "channel.renamed", target: { type: "channel", id: channel.id, label: channel.slug }, changes: { name: { from: channel.name, to: input.name } } });
    return { id: channel.id, version: renamed.version };
  });
}

const channelVersion = (tx: Tx, id: string) => () => tx.channel.findUnique({ where: { id }, select: { version: true } });

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/**
 * Why a channel scoped by `scoped` credentials stays, naming what to change: its API keys, and the
 * OAuth clients (registered by a channel-scoped key) whose backing rows the API Keys page never shows.
 */
async function channelInUse(tx: Tx, channelId: string, slug: string, scoped: number) {
  const keys = await tx.keyChannel.count({ where: { channelId, key: { kind: API_KEY } } });
  const clients = scoped - keys;
  const holders = [keys && counted(keys, "API key"), clients && counted(clients, "OAuth client")].filter(Boolean).join(" and ");
  const todo = [keys && `edit or delete the ${keys === 1 ? "key" : "keys"}`, clients && `delete the ${clients === 1 ? "client" : "clients"} on the OAuth clients page`].filter(Boolean).join(" and ");
  return new DomainError("conflict", `${holders} ${scoped === 1 ? "is" : "are"} scoped to "${slug}". First ${todo}.`);
}

/** A channel that scopes keys stays: deleting it would silently change what those keys reach. */
export async function deleteChannel(projectId: string, id: string, ctx: AuditContext, expected?: number[]) {
  return db().$transaction(async (tx) => {
    const channel = await tx.channel.findFirst({ where: { id, projectId }, select: { id: true, slug: true, version: true, _count: { select: { keys: true } } } });
    if (!channel) throw notFound("Channel");
    checkVersion(channel, expected);
    if (channel._count.keys > 0) throw await channelInUse(tx, channel.id, channel.slug, channel._count.keys);
    const deleted = await tx.channel.deleteMany({ where: { id: channel.id, ...(expected ? { version: channel.version } : {}) } });
    if (deleted.count !== 1) {
      await throwIfStale(expected, channelVersion(tx, channel.id));
      throw notFound("Channel");
    }
    await recordAudit(tx, ctx, { projectId, action: "channel.deleted", target: { type: "channel", id, label: channel.slug } });
    return { id };
  });
}
