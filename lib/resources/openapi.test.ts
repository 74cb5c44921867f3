import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { ERROR_STATUS } from "@/lib/api/errors";
import { ACTION_OF, RESOURCES } from "./declarations";
import { openApiDocument, roleLabel } from "./openapi";
import { MIN_ROLE, type Action, type ApiRole } from "@/lib/permissions";
import type { Operation } from "./types";

type Op = { "x-required-role"?: string; description?: string; security?: unknown[]; parameters?: { $ref: string }[]; requestBody?: unknown; responses: Record<string, unknown> };
const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Op>>; components: Record<string, Record<string, unknown>> };

const ROUTE_OF: Record<Operation, [method: string, item: boolean]> = {
  list: ["get", false],
  get: ["get", true],
  create: ["post", false],
  update: ["patch", true],
  delete: ["delete", true],
};
const declared = RESOURCES.flatMap((decl) => decl.operations.map((op) => ({ decl, op, path: `/api/v1/${decl.path}${ROUTE_OF[op][1] ? "/{id}" : ""}`, method: ROUTE_OF[op][0] })));

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

  it("pages lists with limit and cursor into {data, nextCursor}", () => {
    const list = doc.paths["/api/v1/users"].get;
    expect(list.parameters).toEqual([{ $ref: "#/components/parameters/Limit" }, { $ref: "#/components/parameters/Cursor" }]);
    expect(doc.components.parameters.Limit).toMatchObject({ in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } });
    expect(doc.components.schemas.Page).toMatchObject({ required: ["data", "nextCursor"] });
  });

  it("documents per-key rate limits: 429 with Retry-After, and the RateLimit headers on keyed responses only", () => {
    const rateHeaders = { "RateLimit-Limit": { $ref: "#/components/headers/RateLimitLimit" }, "RateLimit-Remaining": { $ref: "#/components/headers/RateLimitRemaining" }, "RateLimit-Reset": { $ref: "#/components/headers/RateLimitReset" } };
    expect(doc.components.responses.Error429).toMatchObject({ headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" }, ...rateHeaders } });
    expect(doc.components.responses.Error403).not.toHaveProperty("headers.Retry-After");
    for (const name of ["RateLimitLimit", "RateLimitRemaining", "RateLimitReset", "RetryAfter"]) expect(doc.components.headers).toHaveProperty(name);
    for (const { path, method } of declared) {
      expect(doc.paths[path][method].responses, `${method} ${path}`).toHaveProperty("429", { $ref: "#/components/responses/Error429" });
    }
    expect(doc.paths["/api/v1/me"].get.responses["200"]).toMatchObject({ headers: rateHeaders });
    expect(doc.paths["/api/v1/campaigns"].post.responses["201"]).toMatchObject({ headers: rateHeaders });
    expect(doc.paths["/api/health"].get.responses["200"]).not.toHaveProperty("headers.RateLimit-Limit");
  });

  it("describes every error code of the envelope, and bodies from the zod schemas", () => {
    expect(doc.components.schemas.Error).toMatchObject({ properties: { error: { properties: { code: { enum: Object.keys(ERROR_STATUS) } } } } });
    expect(doc.components.schemas.UsersCreate).toMatchObject({ type: "object", required: ["externalId"], additionalProperties: false });
    expect(doc.paths["/api/v1/users"].post.responses).toHaveProperty("422", { $ref: "#/components/responses/Error422" });
    expect(doc.paths["/api/v1/messages"].post.requestBody).toEqual({ required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/MessagesCreate" } } } });
  });
});
