import { z } from "zod";
import { API_ROLES, MIN_ROLE, type Action, type ApiRole } from "@/lib/permissions";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";
import { pageQuery } from "@/lib/api/pagination";
import { ACTION_OF, RESOURCES } from "./declarations";
import { idParam } from "./fields";
import type { Operation, ResourceDeclaration } from "./types";

// The OpenAPI 3.1 document of /api/v1, derived from the resource declarations, the role table and
// the error table: a new resource, role or error code shows up here without touching this file.

type Json = Record<string, unknown>;
type Method = "get" | "post" | "patch" | "delete";

const V1 = "/api/v1";
const ref = (kind: "schemas" | "responses" | "parameters" | "headers", name: string) => ({ $ref: `#/components/${kind}/${name}` });
const singular = (decl: ResourceDeclaration) => decl.path.replace(/s$/, "");
const pascal = (s: string) => s.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase());
// "an event", "a user": the resource names need no more than this.
const withArticle = (noun: string) => `${/^[aeio]/.test(noun) ? "an" : "a"} ${noun}`;
const tagOf = (decl: ResourceDeclaration) => pascal(decl.path);

function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  return rest;
}

/** "editor+" for a role and every role above it; the top role stands alone. */
export function roleLabel(role: ApiRole): string {
  return role === API_ROLES[API_ROLES.length - 1] ? role : `${role}+`;
}

export function requiredRole(decl: ResourceDeclaration, op: Operation): ApiRole {
  const role = (MIN_ROLE[decl.resource] as Partial<Record<Action, ApiRole>>)[ACTION_OF[op]];
  if (!role) throw new Error(`${decl.path} exposes ${op}, but the role table has no ${ACTION_OF[op]} for ${decl.resource}`);
  return role;
}

// ---- Errors: one response per status, listing the codes of the §7 table it can carry ----------
const errorResponse = (status: number) => `Error${status}`;
const codesFor = (status: number) => (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((code) => ERROR_STATUS[code] === status);

// Sent on every response to a key that has a rate limit; a refusal adds Retry-After.
const RATE_LIMIT_HEADERS = {
  "RateLimit-Limit": ref("headers", "RateLimitLimit"),
  "RateLimit-Remaining": ref("headers", "RateLimitRemaining"),
  "RateLimit-Reset": ref("headers", "RateLimitReset"),
};
const RATE_LIMIT_HEADER_DOCS = {
  RateLimitLimit: { description: "The key's rate limit, in requests per minute (only for a key that has one).", schema: { type: "integer", minimum: 1 } },
  RateLimitRemaining: { description: "Requests the key has left in the current minute.", schema: { type: "integer", minimum: 0 } },
  RateLimitReset: { description: "Seconds until the current minute's window ends and the budget is full again.", schema: { type: "integer", minimum: 1 } },
  RetryAfter: { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 1 } },
};

function errorResponses(): Json {
  const statuses = [...new Set(Object.values(ERROR_STATUS))];
  const limited = { "Retry-After": ref("headers", "RetryAfter"), ...RATE_LIMIT_HEADERS };
  return Object.fromEntries(
    statuses.map((status) => [
      errorResponse(status),
      {
        description: `Error: ${codesFor(status).map((c) => `\`${c}\``).join(", ")}`,
        headers: { "X-Request-Id": ref("headers", "RequestId"), ...(status === ERROR_STATUS.rate_limited ? limited : {}) },
        content: { "application/json": { schema: ref("schemas", "Error") } },
      },
    ]),
  );
}

const ERROR_SCHEMA = {
  type: "object",
  description: "Every error, in one envelope. Quote requestId when you contact support.",
  required: ["error", "requestId"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: Object.keys(ERROR_STATUS) },
        message: { type: "string" },
        details: {
          type: "object",
          description: "For validation_failed: the fields that are wrong.",
          properties: { issues: { type: "array", items: { type: "object", required: ["path", "message"], properties: { path: { type: "string" }, message: { type: "string" } } } } },
        },
      },
    },
    requestId: { type: "string" },
  },
};

/** The error statuses an operation can answer, by what it takes: a key, a body, an id, a page. */
function errorsOf({ keyed, body, item, list }: { keyed: boolean; body?: boolean; item?: boolean; list?: boolean }): Json {
  const statuses = keyed ? [400, 401, 403, 429, 500] : [500];
  if (body) statuses.push(409, 413, 422);
  if (item) statuses.push(404);
  if (list) statuses.push(422);
  return Object.fromEntries([...new Set(statuses)].sort((a, b) => a - b).map((s) => [String(s), ref("responses", errorResponse(s))]));
}

// ---- Operations ---------------------------------------------------------------------------------
const ok = (description: string, schema?: Json, { keyed = true } = {}) => ({
  description,
  headers: { "X-Request-Id": ref("headers", "RequestId"), ...(keyed ? RATE_LIMIT_HEADERS : {}) },
  ...(schema ? { content: { "application/json": { schema } } } : {}),
});

function roleNote(decl: ResourceDeclaration, op: Operation): Json {
  const role = requiredRole(decl, op);
  const level = ACTION_OF[op] === "read" ? "read" : "write";
  return {
    description: `Required role: **${roleLabel(role)}** (or a custom key with ${level} permission on ${decl.resource}).`,
    "x-required-role": role,
    // Drawn as a badge on the operation by the dashboard's reference viewer (Scalar).
    "x-badges": [{ name: roleLabel(role), position: "before" }],
  };
}

function operation(decl: ResourceDeclaration, op: Operation): [string, Method, Json] {
  const name = singular(decl);
  const upsert = decl.createSchema && "externalId" in ((jsonSchema(decl.createSchema).properties as Json | undefined) ?? {});
  const body = (schema: string) => ({ required: true, content: { "application/json": { schema: ref("schemas", schema) } } });
  const common = { tags: [tagOf(decl)], operationId: `${op}${pascal(op === "list" ? decl.path : name)}`, ...roleNote(decl, op) };
  const collection = `${V1}/${decl.path}`;
  const item = `${collection}/{id}`;
  switch (op) {
    case "list":
      return [collection, "get", { ...common, summary: `List ${decl.path}`, parameters: [ref("parameters", "Limit"), ref("parameters", "Cursor")], responses: { 200: ok(`A page of ${decl.path}`, ref("schemas", "Page")), ...errorsOf({ keyed: true, list: true }) } }];
    case "get":
      return [item, "get", { ...common, summary: `Get ${withArticle(name)}`, parameters: [ref("parameters", "Id")], responses: { 200: ok(`The ${name}`, ref("schemas", "Resource")), ...errorsOf({ keyed: true, item: true }) } }];
    case "create":
      return [collection, "post", {
        ...common,
        summary: upsert ? `Create or update ${withArticle(name)} by externalId` : `Create ${withArticle(name)}`,
        requestBody: body(`${pascal(decl.path)}Create`),
        responses: { 201: ok(`The new ${name}`, ref("schemas", "Resource")), ...(upsert ? { 200: ok(`The existing ${name}, updated`, ref("schemas", "Resource")) } : {}), ...errorsOf({ keyed: true, body: true }) },
      }];
    case "update":
      return [item, "patch", { ...common, summary: `Update ${withArticle(name)}`, parameters: [ref("parameters", "Id")], requestBody: body(`${pascal(decl.path)}Update`), responses: { 200: ok(`The updated ${name}`, ref("schemas", "Resource")), ...errorsOf({ keyed: true, body: true, item: true }) } }];
    case "delete":
      return [item, "delete", { ...common, summary: `Delete ${withArticle(name)}`, parameters: [ref("parameters", "Id")], responses: { 204: ok("Deleted"), ...errorsOf({ keyed: true, item: true }) } }];
  }
}

function bodySchemas(): Json {
  return Object.fromEntries(
    RESOURCES.flatMap((decl) => [
      ...(decl.createSchema ? [[`${pascal(decl.path)}Create`, jsonSchema(decl.createSchema)]] : []),
      ...(decl.updateSchema ? [[`${pascal(decl.path)}Update`, jsonSchema(decl.updateSchema)]] : []),
    ]),
  );
}

function resourcePaths(): Record<string, Json> {
  const paths: Record<string, Json> = {};
  for (const decl of RESOURCES) {
    for (const op of decl.operations) {
      const [path, method, spec] = operation(decl, op);
      paths[path] = { ...paths[path], [method]: spec };
    }
  }
  return paths;
}

const PUBLIC = { security: [], "x-required-role": "none", description: "No key needed." };

const ADMIN = { "x-required-role": "admin", "x-badges": [{ name: roleLabel("admin"), position: "before" }] };
const KEY_DTO: Json = {
  type: "object",
  required: ["id", "name", "kind", "role", "scope", "channels", "preview", "status"],
  properties: {
    id: { type: "string" }, name: { type: "string" }, description: { type: "string" }, kind: { enum: ["pk", "sk"] }, role: { type: "string" },
    scope: { enum: ["all", "channels"] }, channels: { type: "array", items: { type: "string" } }, permissions: { type: ["object", "null"] },
    preview: { type: "string" }, status: { enum: ["active", "revoked", "expired"] }, rateLimit: { type: ["integer", "null"] }, replacedBy: { type: ["string", "null"] },
    createdAt: { type: "string", format: "date-time" }, lastUsedAt: { type: ["string", "null"], format: "date-time" }, expiresAt: { type: ["string", "null"], format: "date-time" },
  },
};

/** The admin API for keys: never the secret (keys are created, and shown once, in the dashboard). */
function adminKeyPaths(): Json {
  const id = ref("parameters", "Id");
  return {
    [`${V1}/admin/keys`]: {
      get: {
        ...ADMIN, tags: ["Admin"], operationId: "listKeys", summary: "The project's keys, by id", description: "Required role: **admin+**.",
        parameters: [ref("parameters", "Limit"), ref("parameters", "Cursor")],
        responses: { 200: ok("A page of keys", { type: "object", required: ["data", "nextCursor"], properties: { data: { type: "array", items: KEY_DTO }, nextCursor: { type: ["string", "null"] } } }), ...errorsOf({ keyed: true, list: true }) },
      },
    },
    [`${V1}/admin/keys/{id}`]: {
      get: { ...ADMIN, tags: ["Admin"], operationId: "getKey", summary: "One key", description: "Required role: **admin+**.", parameters: [id], responses: { 200: ok("The key", KEY_DTO), ...errorsOf({ keyed: true, item: true }) } },
      patch: {
        ...ADMIN, tags: ["Admin"], operationId: "updateKey", summary: "Change a key's name, description, role, scope or channels",
        description: "Required role: **admin+**. Only the fields sent change; `channels` are slugs. The key's kind never changes, and the change applies to the very next request.",
        parameters: [id],
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", additionalProperties: false, properties: { name: { type: "string" }, description: { type: "string" }, role: { type: "string" }, scope: { enum: ["all", "channels"] }, channels: { type: "array", items: { type: "string" } }, permissions: { type: "object" }, rateLimit: { type: ["integer", "null"], minimum: 1, maximum: 100000, description: "Requests per minute; null for none." } } } } } },
        responses: { 200: ok("The key after the change", KEY_DTO), ...errorsOf({ keyed: true, item: true, body: true }) },
      },
      delete: { ...ADMIN, tags: ["Admin"], operationId: "deleteKey", summary: "Delete a key (not the project's last)", description: "Required role: **admin+**.", parameters: [id], responses: { 200: ok("Deleted", { type: "object" }), ...errorsOf({ keyed: true, item: true, body: true }) } },
    },
    [`${V1}/admin/keys/{id}/revoke`]: {
      post: { ...ADMIN, tags: ["Admin"], operationId: "revokeKey", summary: "Revoke a key, at once and for good", description: "Required role: **admin+**.", parameters: [id], responses: { 200: ok("The revoked key", KEY_DTO), ...errorsOf({ keyed: true, item: true, body: true }) } },
    },
  };
}

let built: Json | undefined;

/** The OpenAPI 3.1 document served at GET /api/v1/openapi.json (built once per process). */
export function openApiDocument(): Json {
  return (built ??= {
    openapi: "3.1.0",
    info: {
      title: "Latchkey API",
      version: "1",
      description:
        `Send your key as \`Authorization: Bearer <key>\` or \`X-API-Key: <key>\` (never in the URL). Roles are additive: ${API_ROLES.join(" < ")}. ` +
        "Bodies are JSON up to 1 MiB, unknown fields are refused, and every response carries `X-Request-Id`. A method a route does not accept answers 405 `method_not_allowed`. " +
        "A key with a rate limit (requests per minute) gets `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` on every response, and 429 `rate_limited` with `Retry-After` once the minute's budget is used up.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    tags: [{ name: "Key", description: "The calling key" }, ...RESOURCES.map((d) => ({ name: tagOf(d), description: d.summary })), { name: "Admin", description: "The admin API" }, { name: "Service", description: "Health and this document" }],
    paths: {
      [`${V1}/me`]: {
        get: {
          tags: ["Key"], operationId: "getMe", summary: "The calling key and its project", description: "Required role: **any key**.",
          "x-required-role": "any", "x-badges": [{ name: "any key", position: "before" }],
          responses: { 200: ok("The key's id, name, kind, role, scope, channels, expiry and project", { type: "object", required: ["id", "role"], properties: { id: { type: "string" }, role: { type: "string" } } }), ...errorsOf({ keyed: true }) },
        },
      },
      ...resourcePaths(),
      [`${V1}/admin/audit-log`]: {
        get: {
          tags: ["Admin"], operationId: "listAuditLog", summary: "The project's audit log, newest first",
          description: "Required role: **admin+**. Filters: `action` (exact, or a prefix such as `key.`), `actor` (id, or part of the e-mail or key name), `from`/`to` (ISO 8601).",
          "x-required-role": "admin", "x-badges": [{ name: roleLabel("admin"), position: "before" }],
          parameters: [
            ...(["action", "actor", "from", "to"] as const).map((name) => ({ name, in: "query", required: false, schema: { type: "string" } })),
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
            { name: "cursor", in: "query", required: false, schema: { type: "string" }, description: "The `nextCursor` of the previous page." },
          ],
          responses: { 200: ok("A page of audit entries", ref("schemas", "Page")), ...errorsOf({ keyed: true, list: true }) },
        },
      },
      ...adminKeyPaths(),
      "/api/health": { get: { ...PUBLIC, tags: ["Service"], operationId: "getHealth", summary: "Liveness", responses: { 200: ok("The service is up", { type: "object", required: ["status"], properties: { status: { const: "ok" } } }, { keyed: false }), ...errorsOf({ keyed: false }) } } },
      [`${V1}/openapi.json`]: { get: { ...PUBLIC, tags: ["Service"], operationId: "getOpenApi", summary: "This OpenAPI document", responses: { 200: ok("OpenAPI 3.1", { type: "object" }, { keyed: false }), ...errorsOf({ keyed: false }) } } },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API key: `lk_sk_…` (secret) or `lk_pk_…` (publishable)." },
        apiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key", description: "The same key in its own header." },
      },
      headers: { RequestId: { description: "The inbound X-Request-Id when it is a safe token, otherwise a new one.", schema: { type: "string" } }, ...RATE_LIMIT_HEADER_DOCS },
      parameters: {
        Id: { name: "id", in: "path", required: true, schema: jsonSchema(idParam) },
        Limit: { name: "limit", in: "query", description: "Page size.", schema: jsonSchema(pageQuery.shape.limit, "output") },
        Cursor: { name: "cursor", in: "query", description: "The `nextCursor` of the previous page.", schema: jsonSchema(pageQuery.shape.cursor.unwrap()) },
      },
      schemas: {
        Resource: { type: "object", required: ["id"], properties: { id: { type: "string" } }, additionalProperties: true },
        Page: { type: "object", required: ["data", "nextCursor"], properties: { data: { type: "array", items: ref("schemas", "Resource") }, nextCursor: { type: ["string", "null"], description: "Pass as `cursor` for the next page; null on the last page." } } },
        Error: ERROR_SCHEMA,
        ...bodySchemas(),
      },
      responses: errorResponses(),
    },
  });
}
