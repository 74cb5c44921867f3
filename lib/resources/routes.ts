import "server-only";
import { apiRoute, json, methodNotAllowed, optionsRoute, type ApiContext } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { readJson } from "@/lib/api/body";
import { etagOf, noneMatchHolds, notModified, withIfMatch } from "@/lib/api/conditional";
import { PAGE_PARAMETERS, pageFrom, pageResult } from "@/lib/api/pagination";
import { can, type Permission } from "@/lib/permissions";
import { ACTION_OF, resourceAt } from "./declarations";
import { idField } from "./fields";
import type { Dto, Operation, ResourceDeclaration, StoreContext, Versioned } from "./types";

// Builds the handlers of /api/v1/<resource> and /api/v1/<resource>/{id} from the declarations.
// Every one goes through apiRoute, so the key and the declared permission are checked first.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

const permission = (decl: ResourceDeclaration, op: Operation): Permission => ({ resource: decl.resource, action: ACTION_OF[op] });

function storeContext({ key, ip, req }: ApiContext<unknown>): StoreContext {
  return {
    projectId: key.projectId,
    key,
    audit: { actor: { type: "key", id: key.id, label: key.name }, meta: { ip, userAgent: req.headers.get("user-agent") } },
  };
}

function notFound(decl: ResourceDeclaration): never {
  throw new ApiError("not_found", `No ${decl.path.replace(/s$/, "")} with this id in this project.`);
}

async function validId(ctx: ApiContext<{ id: string }>, decl: ResourceDeclaration): Promise<string> {
  const parsed = idField.safeParse(ctx.params.id);
  if (!parsed.success) notFound(decl);
  return parsed.data;
}

/**
 * SPEC §7: a caller that cannot read the resource (a Client key, a write-only Custom key) gets back
 * the id, the timestamps, the fields it sent (as it sent them) and the declared write outcome; never
 * a stored field, or an upsert by a guessable externalId would read any record.
 */
function answerTo(ctx: ApiContext<unknown>, decl: ResourceDeclaration, sent: unknown, data: Dto): Dto {
  if (can(ctx.key.role, { resource: decl.resource, action: "read" }, ctx.key.permissions).allowed) return data;
  const shown = new Set(["id", "createdAt", "updatedAt", ...(decl.writeOutcome ?? [])]);
  const answer: Record<string, unknown> = Object.fromEntries(Object.entries(data).filter(([field]) => shown.has(field)));
  for (const [field, value] of Object.entries(sent as Record<string, unknown>)) if (field in data) answer[field] = value;
  return answer as Dto;
}

/** A single object's answer: its body, and its version as the ETag (SPEC §7). */
const versionedJson = ({ data, version }: Versioned, status: number, requestId: string) => json(data, status, requestId, { ETag: etagOf(version) });

/** Every method: the route's own handlers, 405 for the others, and OPTIONS naming exactly the former. */
function fill<P>(handlers: Partial<Record<Method, ReturnType<typeof apiRoute<P>>>>) {
  const allowed = METHODS.filter((m) => handlers[m]);
  const fallback = methodNotAllowed<P>(allowed);
  const routes = Object.fromEntries(METHODS.map((m) => [m, handlers[m] ?? fallback])) as Record<Method, ReturnType<typeof apiRoute<P>>>;
  return { ...routes, OPTIONS: optionsRoute(allowed, handlers) };
}

/** GET (list) and POST (create or upsert) on /api/v1/<path>. */
export function collectionRoutes(path: string) {
  const decl = resourceAt(path);
  const has = (op: Operation) => decl.operations.includes(op);
  return fill({
    GET: has("list")
      ? apiRoute(
          permission(decl, "list"),
          async (ctx) => {
            const page = pageFrom(new URL(ctx.req.url), decl.path);
            return pageResult(await decl.store.list(storeContext(ctx), page), page);
          },
          { query: PAGE_PARAMETERS },
        )
      : undefined,
    POST: has("create")
      ? apiRoute(permission(decl, "create"), async (ctx) => {
          const input = decl.createSchema!.parse(await readJson(ctx.req));
          const { created, data, version } = await decl.store.create(storeContext(ctx), input);
          return versionedJson({ data: answerTo(ctx, decl, input, data), version }, created ? 201 : 200, ctx.requestId);
        })
      : undefined,
  });
}

/** GET, PATCH and DELETE on /api/v1/<path>/{id}; another project's id is 404 like a missing one. */
export function itemRoutes(path: string) {
  const decl = resourceAt(path);
  const has = (op: Operation) => decl.operations.includes(op);
  return fill<{ id: string }>({
    GET: has("get")
      ? apiRoute<{ id: string }>(permission(decl, "get"), async (ctx) => {
          const found = (await decl.store.get(storeContext(ctx), await validId(ctx, decl))) ?? notFound(decl);
          return noneMatchHolds(ctx.req.headers, found.version) ? notModified(found.version, ctx.requestId) : versionedJson(found, 200, ctx.requestId);
        })
      : undefined,
    PATCH: has("update")
      ? apiRoute<{ id: string }>(permission(decl, "update"), async (ctx) => {
          const id = await validId(ctx, decl);
          const input = decl.updateSchema!.parse(await readJson(ctx.req));
          const { data, version } = (await withIfMatch(ctx.req, (expected) => decl.store.update(storeContext(ctx), id, input, expected))) ?? notFound(decl);
          return versionedJson({ data: answerTo(ctx, decl, input, data), version }, 200, ctx.requestId);
        })
      : undefined,
    DELETE: has("delete")
      ? apiRoute<{ id: string }>(permission(decl, "delete"), async (ctx) => {
          const id = await validId(ctx, decl);
          if (!(await withIfMatch(ctx.req, (expected) => decl.store.remove(storeContext(ctx), id, expected)))) notFound(decl);
          return new Response(null, { status: 204 });
        })
      : undefined,
  });
}
