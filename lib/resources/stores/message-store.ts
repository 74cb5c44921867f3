import "server-only";
import { db } from "@/lib/db";
import { join, sql } from "@/lib/generated/sqlite/internal/prismaNamespace";
import { messageInScope, resolveTarget } from "../scope";
import { IMMUTABLE_VERSION, type Dto, type Store } from "../types";

type MessageInput = { title: string; body: string; target?: { channels?: string[] } };

const dto = ({
  channels,
  projectId: _p,
  ...row
}: {
  id: string;
  projectId: string;
  title: string;
  body: string;
  channels: string;
  recipients: number;
  keyId: string | null;
  createdAt: Date;
}): Dto => ({
  ...row,
  channels: channels ? channels.split(",") : [],
});

/**
 * Sending a message records who it reached: the subscribers of the addressed channels, or everyone.
 * The recipients are copied inside the database in one statement, whatever their number.
 */
export const messageStore: Store = {
  async list({ projectId, key }, page) {
    const rows = await db().message.findMany({ where: { projectId, ...messageInScope(key), ...(page.after ? { id: { gt: page.after } } : {}) }, orderBy: { id: "asc" }, take: page.limit + 1 });
    return rows.map(dto);
  },
  async get({ projectId, key }, id) {
    const row = await db().message.findFirst({ where: { projectId, id, ...messageInScope(key) } });
    return row && { data: dto(row), version: IMMUTABLE_VERSION };
  },
  async create({ projectId, key }, input) {
    const message = input as MessageInput;
    const requested = message.target?.channels;
    const known = requested ? await db().channel.findMany({ where: { projectId, slug: { in: requested } }, select: { slug: true } }) : [];
    const addressed = resolveTarget(key, requested, new Set(known.map((c) => c.slug)));
    const channels = addressed.everyone ? [] : addressed.channels;
    const row = await db().$transaction(async (tx) => {
      const created = await tx.message.create({ data: { projectId, title: message.title, body: message.body, channels: channels.join(","), recipients: 0, keyId: key.id } });
      const recipients = addressed.everyone
        ? await tx.$executeRaw(sql`INSERT INTO "MessageRecipient" ("messageId", "contactId") SELECT ${created.id}, c."id" FROM "Contact" c WHERE c."projectId" = ${projectId}`)
        : channels.length === 0
          ? 0
          : await tx.$executeRaw(sql`INSERT INTO "MessageRecipient" ("messageId", "contactId")
              SELECT ${created.id}, c."id" FROM "Contact" c WHERE c."projectId" = ${projectId} AND EXISTS (
                SELECT 1 FROM "Subscription" s JOIN "Channel" ch ON ch."id" = s."channelId"
                WHERE s."contactId" = c."id" AND ch."projectId" = ${projectId} AND ch."slug" IN (${join(channels)}))`);
      return tx.message.update({ where: { id: created.id }, data: { recipients } });
    });
    return { data: { id: row.id, recipients: row.recipients, channels }, version: IMMUTABLE_VERSION, created: true };
  },
  async update() {
    return null;
  },
  async remove() {
    return false;
  },
};
