import "server-only";
import { db } from "@/lib/db";
import { createChannel, deleteChannel, renameChannel } from "@/lib/channels/service";
import { DomainError, StaleVersion } from "@/lib/errors";
import type { Store, Versioned } from "../types";

// Channels through the API use the same service as the dashboard, audited with the key as actor.
const select = { id: true, name: true, slug: true, createdAt: true } as const;

async function find(projectId: string, id: string): Promise<Versioned | null> {
  const row = await db().channel.findFirst({ where: { projectId, id }, select: { ...select, version: true } });
  if (!row) return null;
  const { version, ...data } = row;
  return { data, version };
}

const missing = (error: unknown) => error instanceof DomainError && error.code === "not_found";

export const channelStore: Store = {
  async list({ projectId }, page) {
    return db().channel.findMany({ where: { projectId, ...(page.after ? { id: { gt: page.after } } : {}) }, orderBy: { id: "asc" }, take: page.limit + 1, select });
  },
  async get({ projectId }, id) {
    return find(projectId, id);
  },
  async create({ projectId, audit }, input) {
    const { id } = await createChannel(projectId, input as { name: string; slug: string }, audit);
    return { ...(await find(projectId, id))!, created: true };
  },
  async update({ projectId, audit }, id, input, expected) {
    const { name } = input as { name?: string };
    if (name === undefined) {
      const current = await find(projectId, id);
      if (current && expected && !expected.includes(current.version)) throw new StaleVersion(current.version);
      return current;
    }
    try {
      await renameChannel(projectId, { id, name }, audit, expected);
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
    return find(projectId, id);
  },
  async remove({ projectId, audit }, id, expected) {
    try {
      await deleteChannel(projectId, id, audit, expected);
      return true;
    } catch (error) {
      if (missing(error)) return false;
      throw error;
    }
  },
};
