import type { z } from "zod";
import type { Resource } from "@/lib/permissions";
import type { VerifiedKey } from "@/lib/keys/verify";
import type { Page } from "@/lib/api/pagination";
import type { AuditContext } from "@/lib/audit/record";

export type Operation = "list" | "get" | "create" | "update" | "delete";
export type Dto = { id: string } & Record<string, unknown>;
export type StoreContext = { projectId: string; key: VerifiedKey; audit: AuditContext };

/** An object as the API shows it, and its version (the ETag; the body does not carry it). */
export type Versioned = { data: Dto; version: number };
/** The version of objects that never change (events, messages, subscriptions). */
export const IMMUTABLE_VERSION = 1;

/**
 * How a resource is persisted. Every method is scoped to ctx.projectId. `expected` is the versions
 * If-Match allows (undefined: any); an object at another version throws StaleVersion and is left as it is.
 */
export type Store = {
  /** Up to `page.limit + 1` rows with ids after `page.after`, ordered by id (see Page). */
  list(ctx: StoreContext, page: Page): Promise<Dto[]>;
  get(ctx: StoreContext, id: string): Promise<Versioned | null>;
  create(ctx: StoreContext, input: unknown): Promise<Versioned & { created: boolean }>;
  update(ctx: StoreContext, id: string, input: unknown, expected?: number[]): Promise<Versioned | null>;
  remove(ctx: StoreContext, id: string, expected?: number[]): Promise<boolean>;
};

/** One /api/v1 resource: its path, its schemas, its routes and where it is stored. */
export type ResourceDeclaration = {
  resource: Resource;
  path: string;
  summary: string;
  operations: Operation[];
  createSchema?: z.ZodType;
  updateSchema?: z.ZodType;
  /** What a read answers (GET, each item of a list); writes answer it with only id and timestamps required. */
  responseSchema: z.ZodObject;
  /** What a create answers, when that is not the object as written. */
  createResponseSchema?: z.ZodType;
  /** The answers of a create besides 201: an existing object (200), an unknown referenced id (404). */
  createAnswers?: { existing?: string; unknownReference?: string };
  store: Store;
  /** Fields of a create answer that report what the write did (not stored data): shown even to a caller that cannot read. */
  writeOutcome?: string[];
};
