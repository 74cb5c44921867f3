import "server-only";
import { db } from "@/lib/db";
import { DomainError, StaleVersion } from "@/lib/errors";
import { assertInScope, channelInScope } from "../scope";
import { IMMUTABLE_VERSION, type Dto, type Store } from "../types";

const select = { id: true, contactId: true, createdAt: true, channel: { select: { slug: true } } } as const;
const dto = ({ contactId, channel, ...row }: { id: string; contactId: string; createdAt: Date; channel: { slug: string } }): Dto => ({ ...row, userId: contactId, channel: channel.slug });

/** A user in a channel; both must belong to the caller's project, and the channel to the key's scope (SPEC §4). */
export const subscriptionStore: Store = {
  async list({ projectId, key }, page) {
    const rows = await db().subscription.findMany({
      where: { projectId, channel: channelInScope(key), ...(page.after ? { id: { gt: page.after } } : {}) },
      orderBy: { id: "asc" },
      take: page.limit + 1,
      select,
    });
    return rows.map(dto);
  },
  async get({ projectId, key }, id) {
    const row = await db().subscription.findFirst({ where: { projectId, id, channel: channelInScope(key) }, select });
    return row && { data: dto(row), version: IMMUTABLE_VERSION };
  },
  async create({ projectId, key }, input) {
    const { userId, channel } = input as { userId: string; channel: string };
    assertInScope(key, [channel]);
    const [contact, target] = await Promise.all([
      db().contact.findFirst({ where: { projectId, id: userId }, select: { id: true } }),
      db().channel.findFirst({ where: { projectId, slug: channel }, select: { id: true } }),
    ]);
    // 404 like any other unknown or foreign id (SPEC §7: no existence leak).
    if (!contact) throw new DomainError("not_found", "No user with this id in this project.", "userId");
    if (!target) throw new DomainError("validation_failed", `Unknown channel: ${channel}.`, "channel");
    const existing = () => db().subscription.findFirst({ where: { projectId, contactId: contact.id, channelId: target.id }, select });
    const found = await existing();
    if (found) return { data: dto(found), version: IMMUTABLE_VERSION, created: false };
    try {
      return { data: dto(await db().subscription.create({ data: { projectId, contactId: contact.id, channelId: target.id }, select })), version: IMMUTABLE_VERSION, created: true };
    } catch (error) {
      const raced = (error as { code?: string }).code === "P2002" ? await existing() : null; // subscribed meanwhile
      if (raced) return { data: dto(raced), version: IMMUTABLE_VERSION, created: false };
      throw error;
    }
  },
  async update() {
    return null;
  },
  async remove({ projectId, key }, id, expected) {
    // Another channel's subscription is 404, like another project's.
    const where = { projectId, id, channel: channelInScope(key) };
    if (expected && !expected.includes(IMMUTABLE_VERSION)) {
      if (await db().subscription.findFirst({ where, select: { id: true } })) throw new StaleVersion(IMMUTABLE_VERSION);
      return false;
    }
    return (await db().subscription.deleteMany({ where })).count === 1;
  },
};
