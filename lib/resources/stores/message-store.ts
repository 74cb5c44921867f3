import "server-only";
import { db } from "@/lib/db";
import { resolveTarget } from "../scope";
import type { Dto, Store } from "../types";

type MessageInput = { title: string; body: string; target?: { channels?: string[] } };

const dto = ({ channels, projectId: _p, ...row }: { id: string; projectId: string; title: string; body: string; channels: string; recipients: number; keyId: string | null; createdAt: Date }): Dto => ({
  ...row,
  channels: channels ? channels.split(",") : [],
});

/** Sending a message records who it reached: the subscribers of the addressed channels, or everyone. */
export const messageStore: Store = {
  async list({ projectId }, page) {
    const rows = await db().message.findMany({ where: { projectId, ...(page.cursor ? { id: { gt: page.cursor } } : {}) }, orderBy: { id: "asc" }, take: page.limit });
    return rows.map(dto);
  },
  async get({ projectId }, id) {
    const row = await db().message.findFirst({ where: { projectId, id } });
    return row && dto(row);
  },
  async create({ projectId, key }, input) {
    const message = input as MessageInput;
    const slugs = await db().channel.findMany({ where: { projectId }, select: { slug: true } });
    const addressed = resolveTarget(key, message.target?.channels, new Set(slugs.map((c) => c.slug)));
    const recipients = addressed.everyone
      ? await db().contact.findMany({ where: { projectId }, select: { id: true } })
      : await db().contact.findMany({ where: { projectId, subscriptions: { some: { channel: { slug: { in: addressed.channels } } } } }, select: { id: true } });
    const channels = addressed.everyone ? [] : addressed.channels;
    const row = await db().$transaction(async (tx) => {
      const created = await tx.message.create({ data: { projectId, title: message.title, body: message.body, channels: channels.join(","), recipients: recipients.length, keyId: key.id } });
      if (recipients.length) await tx.messageRecipient.createMany({ data: recipients.map((r) => ({ messageId: created.id, contactId: r.id })) });
      return created;
    });
    return { data: { id: row.id, recipients: row.recipients, channels }, created: true };
  },
  async update() {
    return null;
  },
  async remove() {
    return false;
  },
};
