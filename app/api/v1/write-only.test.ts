import { beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { keyedRouteFiles, type Handler, type Method } from "@/lib/testing/v1-routes";
import { can, CUSTOM_RESOURCES, type Action, type CustomPermissions } from "@/lib/permissions";
import { ACTION_OF, RESOURCES } from "@/lib/resources/declarations";
import type { Operation } from "@/lib/resources/types";

// SPEC §7: a caller that cannot read a resource (the publishable Client key, a
// write-only Custom key) gets back only the id, the timestamps, what it sent and what the write
// did (the declaration's writeOutcome): never a stored field. Walks RESOURCES, so a resource added
// later is covered too (and fails here until it has a sample below).

const MARK = "zzseededzz";
const uid = () => randomBytes(5).toString("hex");
const IP = "198.51.100.77";

type Sample = {
  /** A stored row the caller did not write, every field holding MARK; returns its id and, for upserts, its externalId. */
  seed: (projectId: string) => Promise<{ id: string; externalId?: string }>;
  /** The smallest body the caller sends; for an upsert it names the seeded row's externalId. */
  create?: (seeded: { id: string; externalId?: string }) => Promise<Record<string, unknown>> | Record<string, unknown>;
};

let projectId = "";
let channelSlug = "";
let ownerCtx: Awaited<ReturnType<typeof aProject>>["ctx"];

const recordSample = (type: string): Sample => ({
  seed: async (p) => ({ id: (await db().record.create({ data: { projectId: p, type, name: `${MARK} name`, data: JSON.stringify({ note: MARK }) } })).id }),
  create: () => ({ name: "Spring sale" }),
});
const connectionSample = (type: string): Sample => ({
  seed: async (p) => ({ id: (await db().record.create({ data: { projectId: p, type, name: `${MARK} name`, data: JSON.stringify({ type: MARK, config: { password: MARK } }) } })).id }),
  create: () => ({ name: "Mail", type: "smtp" }),
});

const SAMPLES: Record<string, Sample> = {
  users: {
    seed: async (p) => {
      const externalId = `cust-${uid()}`;
      const row = await db().contact.create({ data: { projectId: p, externalId, name: `${MARK} Ada`, email: `${MARK}@private.test`, attributes: JSON.stringify({ plan: MARK }) } });
      return { id: row.id, externalId };
    },
    create: ({ externalId }) => ({ externalId }),
  },
  organizations: {
    seed: async (p) => {
      const externalId = `org-${uid()}`;
      const row = await db().organization.create({ data: { projectId: p, externalId, name: `${MARK} Acme`, attributes: JSON.stringify({ arr: MARK }) } });
      return { id: row.id, externalId };
    },
    create: ({ externalId }) => ({ externalId }),
  },
  events: {
    seed: async (p) => ({ id: (await db().event.create({ data: { projectId: p, name: MARK, properties: JSON.stringify({ a: MARK }), timestamp: new Date() } })).id }),
    create: () => ({ name: "signed_up" }),
  },
  subscriptions: {
    seed: async (p) => {
      const contact = await db().contact.create({ data: { projectId: p, externalId: `sub-${uid()}`, name: `${MARK} Bob`, email: `${MARK}b@private.test` } });
      const row = await db().subscription.create({
        data: { projectId: p, contactId: contact.id, channelId: (await db().channel.findFirstOrThrow({ where: { projectId: p, slug: channelSlug } })).id },
      });
      return { id: row.id };
    },
    create: async () => {
      const contact = await db().contact.create({ data: { projectId, externalId: `sub-${uid()}`, name: `${MARK} Cy`, email: `${MARK}c@private.test`, attributes: JSON.stringify({ x: MARK }) } });
      return { userId: contact.id, channel: channelSlug };
    },
  },
  channels: {
    seed: async (p) => ({ id: (await db().channel.create({ data: { projectId: p, name: `${MARK} channel`, slug: `seed-${uid()}` } })).id }),
    create: () => ({ name: "News", slug: `news-${uid()}` }),
  },
  messages: {
    seed: async (p) => ({ id: (await db().message.create({ data: { projectId: p, title: MARK, body: MARK, recipients: 0 } })).id }),
    create: () => ({ title: "Hello", body: "Spring is here" }),
  },
  providers: connectionSample("providers"),
  integrations: connectionSample("integrations"),
};
for (const content of ["campaigns", "templates", "journeys", "lists", "tags", "documents", "locales", "actions"]) SAMPLES[content] = recordSample(content);

// ---- Callers: the Client key, and a Custom key with write (never read) on every resource ----
type Caller = { name: string; role: "client" | "custom"; permissions: Record<string, string> | null; secret: string };
const callers: Caller[] = [
  { name: "the Client key", role: "client", permissions: null, secret: "" },
  { name: "a write-only Custom key", role: "custom", permissions: Object.fromEntries(CUSTOM_RESOURCES.map((r) => [r, "write"])), secret: "" },
];

const FILES = keyedRouteFiles();
async function call(secret: string, method: Method, route: string, id: string | undefined, body: unknown) {
  const file = FILES.find((f) => f.route === route)?.file;
  if (!file) throw new Error(`no route file for ${route}`);
  const handler = ((await import(file)) as Partial<Record<Method, Handler>>)[method]!;
  const url = `http://localhost/api/v1${route.replace("{id}", id ?? "")}`;
  const headers = { authorization: `Bearer ${secret}`, "x-forwarded-for": IP, "content-type": "application/json" };
  return handler(new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(id ? { id } : ({} as Record<string, string>)) });
}

beforeAll(async () => {
  const { project, ctx } = await aProject("Write-only");
  projectId = project.id;
  ownerCtx = ctx;
  channelSlug = (await db().channel.create({ data: { projectId, name: "News", slug: "news" } })).slug;
  for (const caller of callers) {
    const { key, secret } = await aKey(ctx, projectId, caller.role === "custom" ? "admin" : caller.role, { name: caller.name });
    // Set before the key's first use, so the verification cache cannot hold the old role.
    if (caller.role === "custom") await db().apiKey.update({ where: { id: key.id }, data: { role: "custom", permissions: JSON.stringify(caller.permissions) } });
    caller.secret = secret;
  }
});

const WRITES: { op: Operation; method: Method; item: boolean }[] = [
  { op: "create", method: "POST", item: false },
  { op: "update", method: "PATCH", item: true },
  { op: "delete", method: "DELETE", item: true },
];

describe("write-only callers get write-only answers (SPEC §7)", () => {
  it("every declared resource with a write operation has a sample here", () => {
    const writable = RESOURCES.filter((d) => d.operations.some((op) => op !== "list" && op !== "get")).map((d) => d.path);
    expect(writable.filter((path) => !SAMPLES[path])).toEqual([]);
  });

  for (const decl of RESOURCES) {
    for (const { op, method, item } of WRITES) {
      if (!decl.operations.includes(op)) continue;
      for (const caller of callers) {
        const may = (action: Action) => can(caller.role, { resource: decl.resource, action }, caller.permissions as CustomPermissions | null).allowed;
        if (!may(ACTION_OF[op]) || may("read")) continue;
        const route = item ? `/${decl.path}/{id}` : `/${decl.path}`;
        it(`${caller.name} on ${method} ${route} sees nothing it did not send`, async () => {
          const sample = SAMPLES[decl.path];
          const seeded = await sample.seed(projectId);
          const body = method === "DELETE" ? undefined : method === "PATCH" ? {} : await sample.create!(seeded);
          const res = await call(caller.secret, method, route, item ? seeded.id : undefined, body);
          const text = await res.text();
          if (method === "DELETE") {
            expect([res.status, text]).toEqual([204, ""]);
            return;
          }
          expect([200, 201], text).toContain(res.status);
          expect(text).not.toContain(MARK);
          const answer = JSON.parse(text) as Record<string, unknown>;
          const shown = new Set(["id", "createdAt", "updatedAt", ...(decl.writeOutcome ?? []), ...Object.keys(body ?? {})]);
          expect(
            Object.keys(answer).filter((k) => !shown.has(k)),
            text,
          ).toEqual([]);
          expect(typeof answer.id).toBe("string");
          for (const [k, v] of Object.entries(body ?? {})) if (k in answer) expect(answer[k]).toEqual(v);
        });
      }
    }
  }

  it("a caller that can read still gets the whole stored record back", async () => {
    const support = await aKey(ownerCtx, projectId, "support");
    const seeded = await SAMPLES.users.seed(projectId);
    const res = await call(support.secret, "POST", "/users", undefined, { externalId: seeded.externalId });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: seeded.id, name: `${MARK} Ada`, email: `${MARK}@private.test`, attributes: { plan: MARK } });
  });
});
