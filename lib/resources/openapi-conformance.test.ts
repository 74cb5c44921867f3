import { beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { db } from "@/lib/db";
import { aKey, aMember, aProject } from "@/lib/testing/fixtures";
import { keyedRouteFiles, type Handler } from "@/lib/testing/v1-routes";
import { pointerKey, schemaChecker } from "@/lib/testing/openapi-schemas";
import type { AuditContext } from "@/lib/audit/record";
import { openApiDocument } from "./openapi";

// Every operation of the OpenAPI document, called through its route handler with an admin key, a
// client key and no key on a seeded project (and with an unknown id and an unknown field): each
// answer's status must be one the document lists for the operation, and its body must validate
// against the document's schema for that status. So the document cannot drift from the routes.

type Ref = { $ref: string };
type ResponseObject = { headers?: Record<string, Ref>; content?: { "application/json": { schema: unknown } } };
type Operation = { responses: Record<string, ResponseObject | Ref> };
type HeaderObject = { required?: boolean; schema: { type?: string } };
const doc = openApiDocument() as { paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, ResponseObject>; headers: Record<string, HeaderObject> } };
const check = schemaChecker(doc);

const V1 = "/api/v1";
const ROUTES = new Map(keyedRouteFiles().map(({ file, route }) => [`${V1}${route}`, file]));
ROUTES.set("/api/health", path.resolve(__dirname, "../../app/api/health/route.ts"));
ROUTES.set(`${V1}/openapi.json`, path.resolve(__dirname, "../../app/api/v1/openapi.json/route.ts"));
ROUTES.set(`${V1}/credentials/revoke`, path.resolve(__dirname, "../../app/api/v1/credentials/revoke/route.ts"));

const uid = () => randomBytes(5).toString("hex");
let projectId = "";
let ctx: AuditContext;
const secrets: Record<"admin" | "client", string> = { admin: "", client: "" };
type Caller = keyof typeof secrets | "none";

async function seedUser() {
  return (await db().contact.create({ data: { projectId, externalId: `seed-${uid()}`, name: "Seeded", email: "seed@example.com", attributes: '{"plan":"pro"}' } })).id;
}

/** A fresh object for an item route, written straight to the database (not through the API). */
async function seed(path: string): Promise<string> {
  const resource = path.split("/")[3];
  switch (resource) {
    case "users":
      return seedUser();
    case "organizations":
      return (await db().organization.create({ data: { projectId, externalId: `seed-${uid()}`, name: "Seeded" } })).id;
    case "subscriptions": {
      const channel = await db().channel.create({ data: { projectId, name: "Seeded", slug: `seed-${uid()}` } });
      return (await db().subscription.create({ data: { projectId, contactId: await seedUser(), channelId: channel.id } })).id;
    }
    case "channels":
      return (await db().channel.create({ data: { projectId, name: "Seeded", slug: `seed-${uid()}` } })).id;
    case "messages":
      return (await db().message.create({ data: { projectId, title: "Seeded", body: "Seeded", recipients: 0, channels: "news" } })).id;
    case "admin":
      if (path.split("/")[4] === "members") {
        const person = await aMember(projectId, "viewer");
        return (await db().membership.findFirstOrThrow({ where: { userId: person.id, projectId } })).id;
      }
      return (await aKey(ctx, projectId, "support", { name: `seeded ${uid()}` })).key.id;
    case "providers":
    case "integrations":
      return (await db().record.create({ data: { projectId, type: resource, name: "Seeded", data: '{"type":"smtp","config":{"host":"smtp.example.com"}}' } })).id;
    default:
      return (await db().record.create({ data: { projectId, type: resource, name: "Seeded", data: '{"a":1}' } })).id;
  }
}

const BODILESS = /\/(revoke|disable|enable)$/;

/** Bodies the route accepts; a body sent twice is an upsert's second answer. */
async function bodies(path: string, method: string): Promise<unknown[]> {
  if (method === "patch") {
    if (path.startsWith(`${V1}/admin/members`)) return [{ role: "admin" }];
    return path.startsWith(`${V1}/users`) ? [{ email: "renamed@example.com", attributes: { plan: "team" } }] : [{ name: "Renamed" }];
  }
  if (path.endsWith("/credentials/revoke")) return [{ credentials: ["not a key", "lk_sk_00000000000000000000000000000000AAAAAA"] }, { credentials: [] }];
  if (method !== "post" || BODILESS.test(path)) return [undefined];
  const resource = path.split("/")[3];
  switch (resource) {
    case "users": {
      const user = { externalId: `u-${uid()}`, name: "Ada", email: "ada@example.com", attributes: { plan: "pro" } };
      return [user, user];
    }
    case "organizations": {
      const org = { externalId: `o-${uid()}`, name: "Acme" };
      return [org, org];
    }
    case "events":
      return [{ name: "signed_up", userExternalId: "u-1", properties: { plan: "pro" }, timestamp: "2025-01-31T09:30:00+02:00" }, { events: [{ name: "a" }, { name: "b" }] }];
    case "subscriptions": {
      const subscription = { userId: await seedUser(), channel: "news" };
      return [subscription, subscription, { userId: "no-such-user", channel: "news" }];
    }
    case "channels":
      return [{ name: "News", slug: `news-${uid()}` }];
    case "messages":
      return [
        { title: "Hello", body: "Spring is here" },
        { title: "Hello", body: "Spring is here", target: { channels: ["news"] } },
      ];
    case "providers":
    case "integrations":
      return [{ name: "Mail", type: "smtp", config: { host: "smtp.example.com", password: "secret" } }];
    case "admin":
      if (path.endsWith("/members"))
        return [
          { email: `invited-${uid()}@example.com`, role: "viewer" },
          { email: `added-${uid()}@example.com`, role: "admin" },
        ];
      return path.endsWith("/rotate") ? [{ grace: "1h" }] : [{ name: "Made by the API", role: "support", scope: "channels", channels: ["news"] }];
    default:
      return [{ name: "Spring sale", data: { discount: 10 } }];
  }
}

async function call(caller: Caller, path: string, method: string, { id, body, extra = {} }: { id?: string; body?: unknown; extra?: Record<string, string> } = {}) {
  const handler = ((await import(ROUTES.get(path)!)) as Record<string, Handler>)[method.toUpperCase()];
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": "198.51.100.77", ...extra };
  if (caller !== "none") headers.authorization = `Bearer ${secrets[caller]}`;
  const url = `http://localhost${path.replace("{id}", id ?? "none")}`;
  return handler(new Request(url, { method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) }), {
    params: Promise.resolve<Record<string, string>>(id ? { id } : {}),
  });
}

/** Why an answer does not match the document, or nothing. */
async function mismatches(path: string, method: string, res: Response): Promise<string[]> {
  const status = String(res.status);
  const listed = doc.paths[path][method].responses[status];
  if (!listed) return [`status ${status} is not listed (${await res.text()})`];
  const pointer = "$ref" in listed ? `/components/responses/${listed.$ref.split("/").pop()}` : `/paths/${pointerKey(path)}/${method}/responses/${status}`;
  const response = ("$ref" in listed ? doc.components.responses[listed.$ref.split("/").pop()!] : listed) as ResponseObject;
  const problems: string[] = [];
  for (const [name, ref] of Object.entries(response.headers ?? {})) {
    const pointer = `/components/headers/${ref.$ref.split("/").pop()}`;
    const documented = doc.components.headers[ref.$ref.split("/").pop()!];
    const value = res.headers.get(name);
    if (value === null) {
      if (documented.required) problems.push(`no ${name} header`);
      continue;
    }
    const typed = documented.schema.type === "integer" && /^\d+$/.test(value) ? Number(value) : value;
    problems.push(...check(`${pointer}/schema`, typed).map((e) => `header ${name}: ${value} ${e}`));
  }
  const text = await res.text();
  if (!response.content) return text === "" ? problems : [...problems, `a body where the document has none: ${text}`];
  const errors = check(`${pointer}/content/application~1json/schema`, JSON.parse(text));
  return [...problems, ...errors.map((e) => `${e} in ${text.slice(0, 300)}`)];
}

beforeAll(async () => {
  const project = await aProject("Conformance");
  projectId = project.project.id;
  ctx = project.ctx;
  secrets.admin = (await aKey(ctx, projectId, "admin", { name: "admin key" })).secret;
  secrets.client = (await aKey(ctx, projectId, "client", { name: "client key" })).secret;
  await db().channel.create({ data: { projectId, name: "News", slug: "news" } });
  // Something in every list: an event, an audit entry (the keys above), a message, a record of each kind.
  await db().event.create({ data: { projectId, name: "seeded", properties: '{"a":1}', timestamp: new Date() } });
  for (const path of doc.paths ? Object.keys(doc.paths) : []) if (path.endsWith("/{id}") && !path.includes("/admin/")) await seed(path);
});

// The OAuth endpoints answer in the RFC shapes and authenticate clients, not keys: their own
// conformance test drives them (app/api/v1/oauth/openapi.test.ts).
const operations = Object.entries(doc.paths)
  .filter(([path]) => !path.startsWith(`${V1}/oauth/`))
  .flatMap(([path, item]) => Object.keys(item).map((method) => ({ path, method })));

describe("every answer of every operation is one the document describes", () => {
  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))("%s", async (_, { path, method }) => {
    const found: string[] = [];
    const seen = new Set<number>();
    const keyed = !path.endsWith("/health") && !path.endsWith("/openapi.json") && !path.endsWith("/credentials/revoke");
    for (const caller of keyed ? (["admin", "client", "none"] as const) : (["none"] as const)) {
      for (const body of await bodies(path, method)) {
        const id = path.includes("{id}") ? await seed(path) : undefined;
        const res = await call(caller, path, method, { id, body });
        seen.add(res.status);
        found.push(...(await mismatches(path, method, res)).map((m) => `${caller}: ${m}`));
      }
    }
    if (keyed && path.includes("{id}")) {
      const res = await call("admin", path, method, { id: "no-such-id", body: (await bodies(path, method))[0] });
      expect(res.status).toBe(404);
      found.push(...(await mismatches(path, method, res)).map((m) => `unknown id: ${m}`));
    }
    // The conditional and idempotent forms (SPEC §7): a fresh object is version 1.
    if (keyed && method === "get" && path.endsWith("{id}")) {
      const res = await call("admin", path, method, { id: await seed(path), extra: { "if-none-match": '"1"' } });
      found.push(...(await mismatches(path, method, res)).map((m) => `If-None-Match: ${m}`));
    }
    if (keyed && (method === "patch" || method === "delete")) {
      const res = await call("admin", path, method, { id: await seed(path), body: (await bodies(path, method))[0], extra: { "if-match": '"999"' } });
      found.push(...(await mismatches(path, method, res)).map((m) => `stale If-Match: ${m}`));
    }
    if (keyed && method === "post") {
      const [first, second] = await bodies(path, method);
      const id = path.includes("{id}") ? await seed(path) : undefined;
      const extra = { "idempotency-key": `conformance-${uid()}` };
      for (const body of [first, first, second ?? { other: true }]) {
        const res = await call("admin", path, method, { id, body, extra });
        found.push(...(await mismatches(path, method, res)).map((m) => `Idempotency-Key: ${m}`));
      }
    }
    if (keyed && (method === "post" || method === "patch") && !BODILESS.test(path)) {
      const id = path.includes("{id}") ? await seed(path) : undefined;
      const res = await call("admin", path, method, { id, body: { nope: 1 } });
      expect(res.status).toBe(422);
      found.push(...(await mismatches(path, method, res)).map((m) => `unknown field: ${m}`));
    }
    expect(found).toEqual([]);
    // Each operation was really exercised: it succeeded for someone.
    expect([...seen].some((s) => s < 300)).toBe(true);
  });

  it("catches an answer the document does not describe", async () => {
    const wrong = Response.json({ id: "x", email: 5 }, { status: 200, headers: { "x-request-id": "req_1" } });
    expect(await mismatches(`${V1}/users/{id}`, "get", wrong)).not.toEqual([]);
    const unlisted = Response.json({}, { status: 418, headers: { "x-request-id": "req_1" } });
    expect(await mismatches(`${V1}/users/{id}`, "get", unlisted)).toEqual([expect.stringMatching(/^status 418 is not listed/)]);
    const badHeaders = Response.json({ error: { code: "rate_limited", message: "Slow down." }, requestId: "req_1" }, { status: 429, headers: { "retry-after": "soon" } });
    expect(await mismatches(`${V1}/users/{id}`, "get", badHeaders)).toEqual(["no X-Request-Id header", expect.stringMatching(/^header Retry-After: soon/)]);
  });
});
