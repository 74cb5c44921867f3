import "server-only";
import { db } from "@/lib/db";
import { createChannel, deleteChannel, renameChannel } from "@/lib/channels/service";
import { DomainError, StaleVersion } from "@/lib/errors";
import { assertAllScope, channelInScope } from "../scope";
import type { Store, StoreContext, Versioned } from "../types";

// Channels through the API use the same service as the dashboard, audited with the key as actor.
// A channel-scoped key sees and manages only its own channels (SPEC §4); others are 404 like a
// foreign id. A slug never changes, so a channel found in scope stays in scope for the write after.
const select = { id: true, name: true, slug: true, createdAt: true } as const;

async function find({ projectId, key }: StoreContext, id: string): Promise<Versioned | null> {
  const row = await db().channel.findFirst({ where: { projectId, id, ...channelInScope(key) }, select: { ...select, version: true } });
  if (!row) return null;
  const { version, ...data } = row;
  return { data, version };
}

const missing = (error: unknown) => error instanceof DomainError && error.code === "not_found";

export const channelStore: Store = {
  async list({ projectId, key }, page) {
    return db().channel.findMany({ where: { projectId, ...channelInScope(key), ...(page.after ? { id: { gt: page.after } } : {}) }, orderBy: { id: "asc" }, take: page.limit + 1, select });
  },
  async get(ctx, id) {
    return find(ctx, id);
  },
  async create(ctx, input) {
    assertAllScope(ctx.key);
    const { id } = await createChannel(ctx.projectId, input as { name: string; slug: string }, ctx.audit);
    return { ...(await find(ctx, id))!, created: true };
  },
  async update(ctx, id, input, expected) {
    const { projectId, audit } = ctx;
    const { name } = input as { name?: string };
    const current = await find(ctx, id);
    if (!current) return null;
    if (name === undefined) {
      if (expected && !expected.includes(current.version)) throw new StaleVersion(current.version);
      return current;
    }
    try {
      await renameChannel(projectId, { id, name }, audit, expected);
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
    return find(ctx, id);
  },
  async remove(ctx, id, expected) {
    const { projectId, audit } = ctx;
    if (!(await find(ctx, id))) return false;
    try {
      await deleteChannel(projectId, id, audit, expected);
      return true;
    } catch (error) {
      if (missing(error)) return false;
      throw error;
    }
  },
};
