import "server-only";
import { db } from "@/lib/db";
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
      return row && dto(row);
    },
    async create({ projectId }, input) {
      const { name, data } = mapping.toRow(input as Record<string, unknown>);
      const row = await db().record.create({ data: { projectId, type, name, data: JSON.stringify(data) } });
      return { data: dto(row), created: true };
    },
    async update({ projectId }, id, input) {
      // Read, merge and write in one transaction, and answer with the row as stored.
      return db().$transaction(async (tx) => {
        const current = await tx.record.findFirst({ where: { id, projectId, type } });
        if (!current) return null;
        const { name, data } = mapping.toRow(input as Record<string, unknown>, { name: current.name, data: parseJson(current.data) });
        await tx.record.update({ where: { id: current.id }, data: { name, data: JSON.stringify(data) } });
        const stored = await tx.record.findUniqueOrThrow({ where: { id: current.id } });
        return dto(stored);
      });
    },
    async remove({ projectId }, id) {
      return (await db().record.deleteMany({ where: { id, projectId, type } })).count === 1;
    },
  };
}
