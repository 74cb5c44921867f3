import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { parseJson } from "../fields";
import { IMMUTABLE_VERSION, type Dto, type Store } from "../types";

type EventInput = { name: string; userExternalId?: string; properties?: Record<string, unknown>; timestamp?: string };

const dto = ({ properties, projectId: _p, ...row }: { id: string; projectId: string; name: string; userExternalId: string | null; properties: string; timestamp: Date; createdAt: Date }): Dto => ({
  ...row,
  properties: parseJson(properties),
});

const rowOf = (projectId: string, e: EventInput) => ({
  projectId,
  name: e.name,
  userExternalId: e.userExternalId ?? null,
  properties: JSON.stringify(e.properties ?? {}),
  timestamp: e.timestamp ? new Date(e.timestamp) : now(),
});

/** Events are append-only: one, or a batch of up to 1000 written in one transaction. */
export const eventStore: Store = {
  async list({ projectId }, page) {
    const rows = await db().event.findMany({ where: { projectId, ...(page.after ? { id: { gt: page.after } } : {}) }, orderBy: { id: "asc" }, take: page.limit + 1 });
    return rows.map(dto);
  },
  async get({ projectId }, id) {
    const row = await db().event.findFirst({ where: { projectId, id } });
    return row && { data: dto(row), version: IMMUTABLE_VERSION };
  },
  async create({ projectId }, input) {
    const body = input as EventInput | { events: EventInput[] };
    if ("events" in body) {
      // One INSERT for the whole batch, in one statement: all or nothing.
      const rows = await db().event.createManyAndReturn({ data: body.events.map((e) => rowOf(projectId, e)), select: { id: true } });
      return { data: { id: rows[0]?.id ?? "", accepted: rows.length, ids: rows.map((r) => r.id) }, version: IMMUTABLE_VERSION, created: true };
    }
    return { data: dto(await db().event.create({ data: rowOf(projectId, body) })), version: IMMUTABLE_VERSION, created: true };
  },
  async update() {
    return null;
  },
  async remove() {
    return false;
  },
};
