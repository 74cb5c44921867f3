import "server-only";
import { apiRoute, json, methodNotAllowed, type ApiContext } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { readJson } from "@/lib/api/body";
import { etagOf, noneMatchHolds, notModified, withIfMatch } from "@/lib/api/conditional";
import { pageFrom, pageResult } from "@/lib/api/pagination";
import type { Permission } from "@/lib/permissions";
import { ACTION_OF, resourceAt } from "./declarations";
import { idParam } from "./fields";
import type { Operation, ResourceDeclaration, StoreContext, Versioned } from "./types";

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
  const parsed = idParam.safeParse(ctx.params.id);
  if (!parsed.success) notFound(decl);
  return parsed.data;
}

/** A single object's answer: its body, and its version as the ETag (SPEC §7). */
const versionedJson = ({ data, version }: Versioned, status: number, requestId: string) => json(data, status, requestId, { ETag: etagOf(version) });

function fill<P>(handlers: Partial<Record<Method, ReturnType<typeof apiRoute<P>>>>) {
  const allowed = METHODS.filter((m) => handlers[m]);
  const fallback = methodNotAllowed(allowed);
  return Object.fromEntries(METHODS.map((m) => [m, handlers[m] ?? fallback])) as Record<Method, ReturnType<typeof apiRoute<P>>>;
}

/** GET (list) and POST (create or upsert) on /api/v1/<path>. */
export function collectionRoutes(path: string) {
  const decl = resourceAt(path);
  const has = (op: Operation) => decl.operations.includes(op);
  return fill({
    GET: has("list")
      ? apiRoute(permission(decl, "list"), async (ctx) => {
          const page = pageFrom(new URL(ctx.req.url));
          return pageResult(await decl.store.list(storeContext(ctx), page), page);
        })
      : undefined,
    POST: has("create")
      ? apiRoute(permission(decl, "create"), async (ctx) => {
          const input = decl.createSchema!.parse(await readJson(ctx.req));
          const { created, ...stored } = await decl.store.create(storeContext(ctx), input);
          return versionedJson(stored, created ? 201 : 200, ctx.requestId);
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
          const updated = await withIfMatch(ctx.req, (expected) => decl.store.update(storeContext(ctx), id, input, expected));
          return versionedJson(updated ?? notFound(decl), 200, ctx.requestId);
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
