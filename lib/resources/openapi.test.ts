import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { ERROR_STATUS } from "@/lib/api/errors";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { KEY_ROLES, MIN_ROLE, type Action, type ApiRole } from "@/lib/permissions";
import { schemaChecker, pointerKey } from "@/lib/testing/openapi-schemas";
import { ACTION_OF, RESOURCES, resourceAt } from "./declarations";
import { openApiDocument, roleLabel } from "./openapi";
import type { Operation } from "./types";

type Ref = { $ref: string };
type Response = { headers?: Record<string, Ref>; content?: unknown } | Ref;
type Op = {
  "x-required-role"?: string;
  description?: string;
  security?: unknown[];
  parameters?: (Ref | { name: string; in: string; schema?: unknown })[];
  requestBody?: unknown;
  responses: Record<string, Response>;
};
const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Op>>; components: Record<string, Record<string, Record<string, unknown>>> };
const check = schemaChecker(doc);

const ROUTE_OF: Record<Operation, [method: string, item: boolean]> = {
  list: ["get", false],
  get: ["get", true],
  create: ["post", false],
  update: ["patch", true],
  delete: ["delete", true],
};
const declared = RESOURCES.flatMap((decl) => decl.operations.map((op) => ({ decl, op, path: `/api/v1/${decl.path}${ROUTE_OF[op][1] ? "/{id}" : ""}`, method: ROUTE_OF[op][0] })));
const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
const keyed = operations.filter(({ op }) => op.security === undefined);

const resolve = <T>(value: T | Ref): T => {
  if (!value || typeof value !== "object" || !("$ref" in value)) return value as T;
  const [, kind, name] = /^#\/components\/(\w+)\/(.+)$/.exec(value.$ref)!;
  return doc.components[kind][name] as T;
};
const parameterNames = (op: Op) => (op.parameters ?? []).map((p) => resolve<{ name: string; in: string }>(p)).map((p) => `${p.in}:${p.name}`);
const headerNames = (response: Response) => Object.keys(resolve(response).headers ?? {});

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
  });

  it("is checked by a validator that refuses a broken document", async () => {
    const broken = structuredClone(doc);
    (broken.components.securitySchemes as Record<string, unknown>).bearerAuth = { type: "password" };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("references only components it has, and has only components it references", () => {
    const refs = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object")
        for (const [key, child] of Object.entries(value)) {
          if (key === "$ref") refs.add(child as string);
          else walk(child);
        }
    };
    walk(doc.paths);
    // Components reached only through other components count as used too.
    for (let size = -1; size !== refs.size;) {
      size = refs.size;
      for (const ref of [...refs]) walk(resolve({ $ref: ref }));
    }
    const defined = Object.entries(doc.components)
      .filter(([kind]) => kind !== "securitySchemes")
      .flatMap(([kind, entries]) => Object.keys(entries).map((name) => `#/components/${kind}/${name}`));
    expect(
      [...refs].filter((ref) => !defined.includes(ref)),
      "referenced but missing",
    ).toEqual([]);
    expect(
      defined.filter((ref) => !refs.has(ref)),
      "defined but unused",
    ).toEqual([]);
  });

  it.each(declared.map((d) => [`${d.method.toUpperCase()} ${d.path}`, d] as const))("documents %s with the role the table requires", (_, { decl, op, path, method }) => {
    const operation = doc.paths[path]?.[method];
    expect(operation).toBeDefined();
    const role = (MIN_ROLE[decl.resource] as Partial<Record<Action, ApiRole>>)[ACTION_OF[op]];
    expect(role).toBeDefined();
    expect(operation["x-required-role"]).toBe(role);
    expect(operation.description).toContain(`**${roleLabel(role!)}**`);
  });

  it("documents no resource route that the declarations do not expose", () => {
    const expected = new Set(declared.map((d) => `${d.method} ${d.path}`));
    const documented = Object.entries(doc.paths)
      .filter(([path]) => RESOURCES.some((d) => path.startsWith(`/api/v1/${d.path}`)))
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(new Set(documented)).toEqual(expected);
  });

  it("describes /me for any key and health and itself without one", () => {
    expect(doc.paths["/api/v1/me"].get["x-required-role"]).toBe("any");
    expect(doc.paths["/api/v1/me"].get.security).toBeUndefined();
    expect(doc.paths["/api/health"].get.security).toEqual([]);
    expect(doc.paths["/api/v1/openapi.json"].get.security).toEqual([]);
  });

  it("accepts a key as a Bearer token or in X-API-Key", () => {
    expect(doc.components.securitySchemes).toMatchObject({ bearerAuth: { type: "http", scheme: "bearer" }, apiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key" } });
  });
});

// Memberships have no version column (prisma/schema.prisma), so no ETag and no conditional requests.
const UNVERSIONED = new Set(["/api/v1/admin/members/{id}"]);

describe("every status and header an operation can answer (SPEC §7)", () => {
  it.each(keyed.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))("%s", (_, { path, method, op }) => {
    const statuses = Object.keys(op.responses);
    const item = path.endsWith("/{id}") || path.endsWith("/revoke");
    const versioned = item && !UNVERSIONED.has(path);
    const expected = ["400", "401", "403", "405", "422", "429", "500", "503"];
    if (item) expected.push("404");
    if (method === "post") expected.push("409", "413");
    if (method === "patch") expected.push("409", "413", ...(versioned ? ["412"] : []));
    if (method === "delete") expected.push("409", ...(versioned ? ["412"] : []));
    if (method === "get" && versioned) expected.push("304");
    expect(statuses).toEqual(expect.arrayContaining(expected));
    expect(statuses.some((s) => /^2/.test(s))).toBe(true);

    const params = parameterNames(op);
    if (method === "post") expect(params).toContain("header:Idempotency-Key");
    if ((method === "patch" || method === "delete") && (!item || versioned)) expect(params).toContain("header:If-Match");
    if (method === "get" && versioned) expect(params).toContain("header:If-None-Match");
    if (item && !versioned) {
      // What is not served is not promised.
      expect(params.filter((p) => /If-(None-)?Match/.test(p))).toEqual([]);
      expect(statuses).not.toContain("412");
      expect(statuses).not.toContain("304");
    }
    if (item) expect(params).toContain("path:id");

    for (const [status, response] of Object.entries(op.responses)) {
      const names = headerNames(response);
      expect(names, `${status} headers`).toEqual(expect.arrayContaining(["X-Request-Id", "RateLimit-Policy", "RateLimit"]));
      if (status === "429" || status === "503") expect(names, `${status} headers`).toContain("Retry-After");
      if (method === "post" && /^2/.test(status)) expect(names).toContain("Idempotent-Replayed");
      if (/^2/.test(status) && versioned && method !== "delete") expect(names).toContain("ETag");
      if (!versioned && path.startsWith("/api/v1/admin/members")) expect(names).not.toContain("ETag");
    }
  });

  it("answers POST /subscriptions with 201, or 200 when already subscribed, and 404 for an unknown userId", () => {
    expect(Object.keys(doc.paths["/api/v1/subscriptions"].post.responses)).toEqual(expect.arrayContaining(["200", "201", "404"]));
  });

  it("answers the upserts with 201 for a new object and 200 for an existing one", () => {
    for (const path of ["/api/v1/users", "/api/v1/organizations"]) expect(Object.keys(doc.paths[path].post.responses)).toEqual(expect.arrayContaining(["200", "201"]));
  });

  it("names the error codes each status can carry, and every code of the table", () => {
    const documented = new Set<string>();
    for (const status of new Set(Object.values(ERROR_STATUS))) {
      const response = doc.components.responses[`Error${status}`] as { content: { "application/json": { schema: Ref } } };
      const schema = resolve<{ properties: { error: { properties: { code: { enum: string[] } } } } }>(response.content["application/json"].schema);
      const codes = schema.properties.error.properties.code.enum;
      expect(codes.every((code) => ERROR_STATUS[code as keyof typeof ERROR_STATUS] === status)).toBe(true);
      codes.forEach((c) => documented.add(c));
    }
    expect([...documented].sort()).toEqual(Object.keys(ERROR_STATUS).sort());
  });

  it("sends the rate-limit fields of the current draft, and not the old three", () => {
    const all = JSON.stringify(doc);
    expect(all).not.toMatch(/RateLimit-(Limit|Remaining|Reset)/);
    expect(doc.components.headers.RateLimitPolicy).toMatchObject({ schema: { type: "string" } });
    expect(headerNames(doc.paths["/api/health"].get.responses["200"])).toEqual(["X-Request-Id"]);
  });

  it("types every success answer: no object is an open bag of unknowns", () => {
    const loose = operations.flatMap(({ path, method, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => /^2/.test(status))
        .flatMap(([status, response]) => {
          const schema = (resolve(response) as { content?: { "application/json": { schema: Ref } } }).content?.["application/json"].schema;
          if (!schema || path.endsWith("openapi.json")) return [];
          const resolved = resolve<{ additionalProperties?: unknown; anyOf?: unknown[] }>(schema);
          return resolved.additionalProperties === false || resolved.anyOf ? [] : [`${method} ${path} ${status}`];
        }),
    );
    expect(loose).toEqual([]);
  });
});

// The document and the server must agree on every value: each case is run through the zod schema the
// route parses with and through the document's schema for the same input.
const body = (path: string, method: string) => `/paths/${pointerKey(path)}/${method}/requestBody/content/application~1json/schema`;
const accepts = (pointer: string, value: unknown) => check(pointer, value).length === 0;

describe("the rules the server enforces, in the document", () => {
  const users = resourceAt("users").createSchema!;
  const events = resourceAt("events").createSchema!;
  const messages = resourceAt("messages").createSchema!;
  const hundredAndOne = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]));
  const hundred = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));

  it.each([
    ["a plain name", { externalId: "u1", name: "Ada" }],
    ["a name with spaces around it", { externalId: "u1", name: "  Ada \n" }],
    ["a blank name", { externalId: "u1", name: "   " }],
    ["an empty name", { externalId: "u1", name: "" }],
    ["a NUL in the name", { externalId: "u1", name: "A\u0000da" }],
    ["a line break inside the name", { externalId: "u1", name: "A\nda" }],
    ["a tab inside the externalId", { externalId: "u\t1" }],
    ["an unknown field", { externalId: "u1", nickname: "x" }],
    ["100 attribute keys", { externalId: "u1", attributes: hundred }],
    ["101 attribute keys", { externalId: "u1", attributes: hundredAndOne }],
    ["a __proto__ attribute", { externalId: "u1", attributes: JSON.parse('{"__proto__": {"x": 1}}') }],
    ["a constructor attribute", { externalId: "u1", attributes: { constructor: 1 } }],
    ["a prototype attribute", { externalId: "u1", attributes: { prototype: 1 } }],
    ["an attribute called proto", { externalId: "u1", attributes: { proto: 1, constructors: 2 } }],
    ["a NUL in a nested attribute key", { externalId: "u1", attributes: { a: [{ "k\u0000": 1 }] } }],
    ["a NUL in a nested attribute value", { externalId: "u1", attributes: { a: { b: ["x\u0001"] } } }],
    ["a nested __proto__ key", { externalId: "u1", attributes: { a: JSON.parse('{"__proto__": 1}') } }],
    ["5 levels of nesting", { externalId: "u1", attributes: { a: [{ b: [{ c: 1 }] }] } }],
    ["6 levels of nesting", { externalId: "u1", attributes: { a: [{ b: [{ c: [1] }] }] } }],
    ["line breaks and tabs in a nested value", { externalId: "u1", attributes: { a: { b: "one\ntwo\tthree" }, c: [1, true, null] } }],
    ["an e-mail", { externalId: "u1", email: "ada@example.com" }],
    ["not an e-mail", { externalId: "u1", email: "ada" }],
  ])("users: %s", (_, value) => {
    expect(accepts(body("/api/v1/users", "post"), value)).toBe(users.safeParse(value).success);
  });

  it("agrees with trim on every kind of white space and control character, around and inside a name", () => {
    const odd = ["\t", "\n", "\r", "\v", "\f", " ", "\u0000", "\u001f", "\u007f", "\u0085", "\u00a0", "\u180e", "\u200b", "\u2028", "\u3000", "\ufeff"];
    const disagreements = odd.flatMap((c) =>
      [`${c}Ada${c}`, `Ada${c}Lovelace`, c, `${c}${c}`].filter((name) => accepts(body("/api/v1/users", "post"), { externalId: "u1", name }) !== users.safeParse({ externalId: "u1", name }).success),
    );
    expect(disagreements.map((name) => JSON.stringify(name))).toEqual([]);
  });

  it.each([
    ["no timestamp", { name: "x" }],
    ["1900 exactly", { name: "x", timestamp: "1900-01-01T00:00:00Z" }],
    ["before 1900", { name: "x", timestamp: "1899-12-31T23:59:59Z" }],
    ["the year 0", { name: "x", timestamp: "0000-01-01T00:00:00Z" }],
    ["the end of 9999", { name: "x", timestamp: "9999-12-31T23:59:59.999Z" }],
    ["9999 with a negative offset (10000 in UTC)", { name: "x", timestamp: "9999-12-31T23:59:59-01:00" }],
    ["9999 with a positive offset", { name: "x", timestamp: "9999-06-01T00:00:00+02:00" }],
    ["a plain date", { name: "x", timestamp: "2025-01-01" }],
    ["a batch", { events: [{ name: "x" }, { name: "y", properties: { a: 1 } }] }],
    ["an empty batch", { events: [] }],
    ["a NUL in the name", { name: "x\u0000" }],
  ])("events: %s", (_, value) => {
    expect(accepts(body("/api/v1/events", "post"), value)).toBe(events.safeParse(value).success);
  });

  it.each([
    ["a message", { title: "Hi", body: "Line one\nLine two\ttabbed" }],
    ["a NUL in the body", { title: "Hi", body: "a\u0000b" }],
    ["a line break in the title", { title: "H\ni", body: "b" }],
    ["a blank body", { title: "Hi", body: " \n " }],
    ["an empty target", { title: "Hi", body: "b", target: { channels: [] } }],
  ])("messages: %s", (_, value) => {
    expect(accepts(body("/api/v1/messages", "post"), value)).toBe(messages.safeParse(value).success);
  });

  it("types the audit log's from and to as ISO 8601 date-times or days, with the schema that parses them", () => {
    const params = (doc.paths["/api/v1/admin/audit-log"].get.parameters ?? []) as { name: string }[];
    const schemaOf = (name: string) => `/paths/${pointerKey("/api/v1/admin/audit-log")}/get/parameters/${params.findIndex((p) => p.name === name)}/schema`;
    expect(JSON.stringify(params.find((p) => p.name === "from"))).toContain('"format":"date-time"');
    for (const value of ["2025-01-31T09:30:00Z", "2025-01-31T09:30:00+02:00", "2025-01-31", "yesterday", "2025-13-01", "2025-01-31T09:30:00"]) {
      expect(accepts(schemaOf("from"), value), value).toBe(auditQuerySchema.safeParse({ from: value }).success);
    }
    for (const value of ["key.created", "key.", "key.*", "Key", "key..x", "a b"]) {
      expect(accepts(schemaOf("action"), value), value).toBe(auditQuerySchema.safeParse({ action: value }).success);
    }
  });

  it("types every role as the enum of the role table", () => {
    for (const name of ["ApiKey", "Me"]) {
      expect(doc.components.schemas[name]).toMatchObject({ properties: { role: { $ref: "#/components/schemas/KeyRole" } } });
    }
    expect(doc.components.schemas.KeyRole).toMatchObject({ type: "string", enum: [...KEY_ROLES] });
  });
});
