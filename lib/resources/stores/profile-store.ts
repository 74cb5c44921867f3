import "server-only";
import { db } from "@/lib/db";
import { parseJson } from "../fields";
import type { Dto, Store } from "../types";

// Users (contacts) and organizations: upserted by the caller's externalId. The two Prisma models
// have the same shape; `email` exists on contacts only.

type Row = { id: string; externalId: string | null; name: string | null; attributes: string; createdAt: Date; updatedAt: Date; email?: string | null };
type Where = { projectId: string; id?: string | { gt: string }; externalId?: string };
type Delegate = {
  findFirst(args: { where: Where }): Promise<Row | null>;
  findMany(args: { where: Where; orderBy: { id: "asc" }; take: number }): Promise<Row[]>;
  create(args: { data: Record<string, unknown> }): Promise<Row>;
  updateMany(args: { where: Where; data: Record<string, unknown> }): Promise<{ count: number }>;
  deleteMany(args: { where: Where }): Promise<{ count: number }>;
};

const dto = ({ attributes, ...row }: Row): Dto => ({ ...row, attributes: parseJson(attributes) });

function fields(input: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const key of ["name", "email"] as const) if (key in input) out[key] = input[key];
  if ("attributes" in input) out.attributes = JSON.stringify(input.attributes);
  return out;
}

export function profileStore(model: "contact" | "organization"): Store {
  const table = () => db()[model] as unknown as Delegate;
  return {
    async list({ projectId }, page) {
      const rows = await table().findMany({ where: { projectId, ...(page.cursor ? { id: { gt: page.cursor } } : {}) }, orderBy: { id: "asc" }, take: page.limit });
      return rows.map(dto);
    },
    async get({ projectId }, id) {
      const row = await table().findFirst({ where: { projectId, id } });
      return row && dto(row);
    },
    async create({ projectId }, input) {
      const values = input as Record<string, unknown> & { externalId: string };
      const existing = await table().findFirst({ where: { projectId, externalId: values.externalId } });
      if (existing) {
        await table().updateMany({ where: { projectId, id: existing.id }, data: fields(values) });
        return { data: dto((await table().findFirst({ where: { projectId, id: existing.id } }))!), created: false };
      }
      const row = await table().create({ data: { projectId, externalId: values.externalId, ...fields(values) } });
      return { data: dto(row), created: true };
    },
    async update({ projectId }, id, input) {
      const updated = await table().updateMany({ where: { projectId, id }, data: fields(input as Record<string, unknown>) });
      if (updated.count !== 1) return null;
      return dto((await table().findFirst({ where: { projectId, id } }))!);
    },
    async remove({ projectId }, id) {
      return (await table().deleteMany({ where: { projectId, id } })).count === 1;
    },
  };
}
