import "server-only";
import { db } from "@/lib/db";
import { throwIfStale } from "@/lib/versioned-write";
import { parseJson } from "../fields";
import type { Dto, Store, Versioned } from "../types";

// Users (contacts) and organizations: upserted by the caller's externalId. The two Prisma models
// have the same shape; `email` exists on contacts only.

type Row = { id: string; externalId: string | null; name: string | null; attributes: string; createdAt: Date; updatedAt: Date; version: number; email?: string | null };
type Where = { projectId: string; id?: string | { gt: string }; externalId?: string; version?: { in: number[] } };
type Delegate = {
  findFirst(args: { where: Where }): Promise<Row | null>;
  findMany(args: { where: Where; orderBy: { id: "asc" }; take: number }): Promise<Row[]>;
  create(args: { data: Record<string, unknown> }): Promise<Row>;
  updateManyAndReturn(args: { where: Where; data: Record<string, unknown> }): Promise<Row[]>;
  deleteMany(args: { where: Where }): Promise<{ count: number }>;
};

const dto = ({ attributes, projectId: _project, version: _version, ...row }: Row & { projectId?: string }): Dto => ({ ...row, attributes: parseJson(attributes) });
const versioned = (row: Row): Versioned => ({ data: dto(row), version: row.version });
const bumped = (data: Record<string, unknown>) => ({ ...data, version: { increment: 1 } });

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
      const rows = await table().findMany({ where: { projectId, ...(page.after ? { id: { gt: page.after } } : {}) }, orderBy: { id: "asc" }, take: page.limit + 1 });
      return rows.map(dto);
    },
    async get({ projectId }, id) {
      const row = await table().findFirst({ where: { projectId, id } });
      return row && versioned(row);
    },
    async create({ projectId }, input) {
      const values = input as Record<string, unknown> & { externalId: string };
      const upsert = async (): Promise<(Versioned & { created: boolean }) | null> => {
        const existing = await table().findFirst({ where: { projectId, externalId: values.externalId } });
        if (!existing) return null;
        const data = fields(values);
        const [stored] = Object.keys(data).length ? await table().updateManyAndReturn({ where: { projectId, id: existing.id }, data: bumped(data) }) : [existing];
        return stored ? { ...versioned(stored), created: false } : null;
      };
      const updated = await upsert();
      if (updated) return updated;
      try {
        const row = await table().create({ data: { projectId, externalId: values.externalId, ...fields(values) } });
        return { ...versioned(row), created: true };
      } catch (error) {
        // Another request created the same externalId meanwhile: this one is the upsert's update.
        if ((error as { code?: string }).code === "P2002") {
          const raced = await upsert();
          if (raced) return raced;
        }
        throw error;
      }
    },
    async update({ projectId }, id, input, expected) {
      const data = fields(input as Record<string, unknown>);
      const versions = expected ? { version: { in: expected } } : {};
      const [stored] = Object.keys(data).length
        ? await table().updateManyAndReturn({ where: { projectId, id, ...versions }, data: bumped(data) })
        : [await table().findFirst({ where: { projectId, id, ...versions } })];
      if (stored) return versioned(stored);
      await throwIfStale(expected, () => table().findFirst({ where: { projectId, id } }));
      return null;
    },
    async remove({ projectId }, id, expected) {
      if ((await table().deleteMany({ where: { projectId, id, ...(expected ? { version: { in: expected } } : {}) } })).count === 1) return true;
      await throwIfStale(expected, () => table().findFirst({ where: { projectId, id } }));
      return false;
    },
  };
}
