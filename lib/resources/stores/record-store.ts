import "server-only";
import { db } from "@/lib/db";
import { checkVersion, RACED, retryWhileRaced, throwIfStale } from "@/lib/versioned-write";
import { parseJson } from "../fields";
import type { Dto, Store } from "../types";

type Mapping = {
  /** Create/update input → the stored name and data. */
  toRow: (input: Record<string, unknown>, current?: { name: string; data: Record<string, unknown> }) => { name: string; data: Record<string, unknown> };
  /** Stored row → what the API returns. */
  toDto: (row: { id: string; name: string; data: Record<string, unknown>; createdAt: Date; updatedAt: Date }) => Dto;
};

export const plainMapping: Mapping = {
  toRow: (input, current) => ({ name: (input.name as string) ?? current?.name, data: (input.data as Record<string, unknown>) ?? current?.data ?? {} }),
  toDto: ({ id, name, data, createdAt, updatedAt }) => ({ id, name, data, createdAt, updatedAt }),
};

/** Resources that are a name plus free-form data, kept in one table told apart by `type`. */
export function recordStore(type: string, mapping: Mapping = plainMapping): Store {
  const find = (projectId: string, id: string) => db().record.findFirst({ where: { id, projectId, type } });
  const dto = (row: { id: string; name: string; data: string; createdAt: Date; updatedAt: Date }) => mapping.toDto({ ...row, data: parseJson(row.data) });
  const versioned = (row: { id: string; name: string; data: string; createdAt: Date; updatedAt: Date; version: number }) => ({ data: dto(row), version: row.version });
  return {
    async list({ projectId }, page) {
      const rows = await db().record.findMany({
        where: { projectId, type, ...(page.after ? { id: { gt: page.after } } : {}) },
        orderBy: { id: "asc" },
        take: page.limit + 1,
      });
      return rows.map(dto);
    },
    async get({ projectId }, id) {
      const row = await find(projectId, id);
      return row && versioned(row);
    },
    async create({ projectId }, input) {
      const { name, data } = mapping.toRow(input as Record<string, unknown>);
      const row = await db().record.create({ data: { projectId, type, name, data: JSON.stringify(data) } });
      return { ...versioned(row), created: true };
    },
    async update({ projectId }, id, input, expected) {
      // The merge is written only over the version it was made from (one statement, which returns
      // the row as stored): a write landing in between makes it read and merge again, so no update
      // is lost on either engine, whatever the isolation level.
      return retryWhileRaced("object", async () => {
        const current = await find(projectId, id);
        if (!current) return null;
        checkVersion(current, expected);
        const { name, data } = mapping.toRow(input as Record<string, unknown>, { name: current.name, data: parseJson(current.data) });
        const [stored] = await db().record.updateManyAndReturn({
          where: { id, projectId, type, version: current.version },
          data: { name, data: JSON.stringify(data), version: { increment: 1 } },
        });
        return stored ? versioned(stored) : RACED;
      });
    },
    async remove({ projectId }, id, expected) {
      const where = { id, projectId, type };
      if ((await db().record.deleteMany({ where: { ...where, ...(expected ? { version: { in: expected } } : {}) } })).count === 1) return true;
      await throwIfStale(expected, () => db().record.findFirst({ where, select: { version: true } }));
      return false;
    },
  };
}
