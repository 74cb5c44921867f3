import "server-only";
import { db } from "@/lib/db";
import { createChannel, deleteChannel, renameChannel } from "@/lib/channels/service";
import { DomainError } from "@/lib/errors";
import type { Dto, Store } from "../types";

// Channels through the API use the same service as the dashboard, audited with the key as actor.
const select = { id: true, name: true, slug: true, createdAt: true } as const;

export const channelStore: Store = {
  async list({ projectId }, page) {
    return db().channel.findMany({ where: { projectId, ...(page.after ? { id: { gt: page.after } } : {}) }, orderBy: { id: "asc" }, take: page.limit + 1, select });
  },
  async get({ projectId }, id) {
    return db().channel.findFirst({ where: { projectId, id }, select });
  },
  async create({ projectId, audit }, input) {
    const { id } = await createChannel(projectId, input as { name: string; slug: string }, audit);
    return { data: (await db().channel.findFirst({ where: { projectId, id }, select })) as Dto, created: true };
  },
  async update({ projectId, audit }, id, input) {
    const { name } = input as { name?: string };
    if (name === undefined) return db().channel.findFirst({ where: { projectId, id }, select });
    try {
      await renameChannel(projectId, { id, name }, audit);
    } catch (error) {
      if (error instanceof DomainError && error.code === "not_found") return null;
      throw error;
    }
    return db().channel.findFirst({ where: { projectId, id }, select });
  },
  async remove({ projectId, audit }, id) {
    try {
      await deleteChannel(projectId, id, audit);
      return true;
    } catch (error) {
      if (error instanceof DomainError && error.code === "not_found") return false;
      throw error;
    }
  },
};
