import type { z } from "zod";
import type { Resource } from "@/lib/permissions";
import type { VerifiedKey } from "@/lib/keys/verify";
import type { Page } from "@/lib/api/pagination";
import type { AuditContext } from "@/lib/audit/record";

export type Operation = "list" | "get" | "create" | "update" | "delete";
export type Dto = { id: string } & Record<string, unknown>;
export type StoreContext = { projectId: string; key: VerifiedKey; audit: AuditContext };

/** How a resource is persisted. Every method is scoped to ctx.projectId. */
export type Store = {
  /** Up to `page.limit + 1` rows with ids after `page.after`, ordered by id (see Page). */
  list(ctx: StoreContext, page: Page): Promise<Dto[]>;
  get(ctx: StoreContext, id: string): Promise<Dto | null>;
  create(ctx: StoreContext, input: unknown): Promise<{ data: Dto; created: boolean }>;
  update(ctx: StoreContext, id: string, input: unknown): Promise<Dto | null>;
  remove(ctx: StoreContext, id: string): Promise<boolean>;
};

/** One /api/v1 resource: its path, its schemas, its routes and where it is stored. */
export type ResourceDeclaration = {
  resource: Resource;
  path: string;
  summary: string;
  operations: Operation[];
  createSchema?: z.ZodType;
  updateSchema?: z.ZodType;
  store: Store;
};
