import "server-only";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Dto, Store } from "../types";

const select = { id: true, contactId: true, createdAt: true, channel: { select: { slug: true } } } as const;
const dto = ({ contactId, channel, ...row }: { id: string; contactId: string; createdAt: Date; channel: { slug: string } }): Dto => ({ ...row, userId: contactId, channel: channel.slug });

/** A user in a channel; both must belong to the caller's project. */
export const subscriptionStore: Store = {
  async list({ projectId }, page) {
    const rows = await db().subscription.findMany({ where: { projectId, ...(page.after ? { id: { gt: page.after } } : {}) }, orderBy: { id: "asc" }, take: page.limit + 1, select });
    return rows.map(dto);
  },
  async get({ projectId }, id) {
    const row = await db().subscription.findFirst({ where: { projectId, id }, select });
    return row && dto(row);
  },
  async create({ projectId }, input) {
    const { userId, channel } = input as { userId: string; channel: string };
    const [contact, target] = await Promise.all([
      db().contact.findFirst({ where: { projectId, id: userId }, select: { id: true } }),
      db().channel.findFirst({ where: { projectId, slug: channel }, select: { id: true } }),
    ]);
    // 404 like any other unknown or foreign id (SPEC §7: no existence leak).
    if (!contact) throw new DomainError("not_found", "No user with this id in this project.", "userId");
    if (!target) throw new DomainError("validation_failed", `Unknown channel: ${channel}.`, "channel");
    const existing = () => db().subscription.findFirst({ where: { projectId, contactId: contact.id, channelId: target.id }, select });
    const found = await existing();
    if (found) return { data: dto(found), created: false };
    try {
      return { data: dto(await db().subscription.create({ data: { projectId, contactId: contact.id, channelId: target.id }, select })), created: true };
    } catch (error) {
      const raced = (error as { code?: string }).code === "P2002" ? await existing() : null; // subscribed meanwhile
      if (raced) return { data: dto(raced), created: false };
      throw error;
    }
  },
  async update() {
    return null;
  },
  async remove({ projectId }, id) {
    return (await db().subscription.deleteMany({ where: { projectId, id } })).count === 1;
  },
};
