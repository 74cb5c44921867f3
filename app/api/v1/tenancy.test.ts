import { beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { encodeListCursor } from "@/lib/crypto/list-cursor";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { storedResources, keyedRouteFiles, METHODS, type Handler, type Method } from "@/lib/testing/v1-routes";

// SPEC §7 and §12: a key only ever reaches its own project. An admin key of project A (the widest
// role there is) gets 404 for every id of project B on every route, the very same answer as for an
// id that exists nowhere, and nothing of B changes.

const FILES = keyedRouteFiles();
const ITEM_ROUTES = FILES.filter((f) => /\{[^}]+\}/.test(f.route));
const LIST_ROUTES = FILES.filter((f) => !/\{[^}]+\}/.test(f.route) && f.route !== "/me");
const load = (file: string) => import(file) as Promise<Partial<Record<Method, Handler>>>;

/** The methods each item route serves (SPEC §7); every other method is 405 for every id. */
const ITEM_METHODS: Record<string, Method[]> = {
  users: ["GET", "PATCH", "DELETE"],
  organizations: ["GET", "PATCH", "DELETE"],
  subscriptions: ["DELETE"],
  messages: ["GET"],
  ...Object.fromEntries(
    ["campaigns", "templates", "journeys", "lists", "tags", "documents", "locales", "actions", "channels", "providers", "integrations"].map((r) => [r, ["GET", "PATCH", "DELETE"] as Method[]]),
  ),
};
const RECORD_TYPES = ["campaigns", "templates", "journeys", "lists", "tags", "documents", "locales", "actions", "providers", "integrations"];

const uid = () => randomBytes(5).toString("hex");
const IP = "198.51.100.41";

type Project = { id: string; adminKey: string; ids: Record<string, string>; externalIds: { user: string; organization: string }; channelSlug: string };
const A = {} as Project;
const B = {} as Project;

/** One row of every kind in the project, written straight to the database. */
async function populate(target: Project, name: string) {
  const { project, ctx, userId } = await aProject(name);
  const { key, secret } = await aKey(ctx, project.id, "admin", { name: `${name} admin` });
  target.id = project.id;
  target.adminKey = secret;
  const projectId = project.id;
  target.externalIds = { user: `shared-${uid()}`, organization: `shared-${uid()}` };
  const contact = await db().contact.create({ data: { projectId, externalId: target.externalIds.user, name: `${name} user`, email: "someone@example.com" } });
  const organization = await db().organization.create({ data: { projectId, externalId: target.externalIds.organization, name: `${name} org` } });
  const channel = await db().channel.create({ data: { projectId, name: `${name} only`, slug: `${name.toLowerCase()}-only` } });
  await db().channel.create({ data: { projectId, name: "News", slug: "news" } });
  target.channelSlug = channel.slug;
  const subscription = await db().subscription.create({ data: { projectId, contactId: contact.id, channelId: channel.id } });
  const message = await db().message.create({ data: { projectId, title: `${name} news`, body: "Hello", channels: channel.slug, recipients: 1 } });
  const event = await db().event.create({ data: { projectId, name: "signed_up", userExternalId: contact.externalId, timestamp: new Date() } });
  const audit = await db().auditEntry.findFirstOrThrow({ where: { projectId }, select: { id: true } });
  target.ids = {
    users: contact.id,
    organizations: organization.id,
    channels: channel.id,
    subscriptions: subscription.id,
    messages: message.id,
    events: event.id,
    keys: key.id,
    members: (await db().membership.findFirstOrThrow({ where: { projectId, userId }, select: { id: true } })).id,
    "audit-log": audit.id,
  };
  for (const type of RECORD_TYPES) {
    target.ids[type] = (await db().record.create({ data: { projectId, type, name: `${name} ${type}`, data: JSON.stringify({ secret: `${name}-only` }) } })).id;
  }
}

/** Everything project B holds, audit log and keys included: nothing A does may change any of it. */
async function snapshotOf(projectId: string) {
  const where = { where: { projectId }, orderBy: { id: "asc" as const } };
  return JSON.stringify([
    ...(await storedResources(projectId)),
    await db().auditEntry.findMany(where),
    await db().apiKey.findMany({ ...where, select: { id: true, name: true, role: true, scope: true, revokedAt: true, expiresAt: true, hash: true } }),
    await db().membership.findMany(where),
  ]);
}

/** The id B uses for the route's resource: /users/{id} → B's user, /admin/keys/{id} → B's key. */
function idOfB(route: string): string {
  const segments = route.split("/").filter((s) => s && !s.startsWith("{"));
  const resource = segments[0] === "admin" || segments[0] === "oauth" ? segments[1] : segments[0];
  const id = B.ids[resource];
  if (!id) throw new Error(`no project-B id known for ${route}: add one to populate()`);
  return id;
}

async function call(key: string, file: string, route: string, method: Method, { id, query = "", body }: { id?: string; query?: string; body?: unknown } = {}) {
  const handler = (await load(file))[method]!;
  const params: Record<string, string> = {};
  for (const [, name] of route.matchAll(/\{([^}]+)\}/g)) params[name] = id!;
  const url = `http://localhost/api/v1${route.replace(/\{[^}]+\}/g, encodeURIComponent(id ?? ""))}${query}`;
  const headers = { "x-api-key": key, "x-forwarded-for": IP, "content-type": "application/json" };
  return handler(new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
}

/** An answer without its request id, to compare two answers. */
async function answer(res: Response) {
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  return { status: res.status, error: json?.error ?? null, allow: res.headers.get("allow") };
}

beforeAll(async () => {
  await populate(A, "Alpha");
  await populate(B, "Beta");
});

describe("a key of project A and the ids of project B", () => {
  it("finds item routes to check, and a project-B id for each", () => {
    expect(ITEM_ROUTES.length).toBeGreaterThanOrEqual(15);
    for (const { route } of ITEM_ROUTES) expect(() => idOfB(route)).not.toThrow();
  });

  const cases = ITEM_ROUTES.flatMap(({ file, route }) => METHODS.map((method) => ({ file, route, method })));

  for (const { file, route, method } of cases)
    it(`answers ${method} ${route} for B's id exactly as for an id that exists nowhere`, async () => {
      if (!(await load(file))[method]) return;
      const body = method === "PATCH" || method === "POST" || method === "PUT" ? { name: "Taken over" } : undefined;
      const before = await snapshotOf(B.id);

      const forB = await answer(await call(A.adminKey, file, route, method, { id: idOfB(route), body }));
      const nowhere = await answer(await call(A.adminKey, file, route, method, { id: `c${uid()}${uid()}`, body }));

      const served = ITEM_METHODS[route.split("/")[1]];
      if (served) {
        const expected = served.includes(method) ? { status: 404, code: "not_found" } : { status: 405, code: "method_not_allowed" };
        expect({ status: forB.status, code: forB.error?.code }, JSON.stringify(forB)).toEqual(expected);
      } else {
        // An admin API route this file does not know yet: B's id must at least not be served.
        expect(forB.status, JSON.stringify(forB)).toBeGreaterThanOrEqual(400);
        expect(forB.status).toBeLessThan(500);
      }
      expect(forB, "no existence leak").toEqual(nowhere);
      expect(await snapshotOf(B.id)).toBe(before);
    });

  for (const { file, route } of LIST_ROUTES)
    it(`lists only A's rows on GET ${route}, whatever the cursor`, async () => {
      if (!(await load(file)).GET) return;
      const bIds = new Set(Object.values(B.ids));
      // The cursor B's list would issue after B's row (signed for the list, not the project): it only names a position.
      const bRow = B.ids[route.slice(1)];
      const queries = ["?limit=100", ...(bRow ? [`?limit=100&cursor=${encodeListCursor(route.slice(1), bRow)}`] : [])];
      for (const query of queries) {
        const res = await call(A.adminKey, file, route, "GET", { query });
        expect(res.status, await res.clone().text()).toBe(200);
        const { data } = (await res.json()) as { data: { id: string }[] };
        expect(
          data.filter((row) => bIds.has(row.id)),
          `${route}${query}`,
        ).toEqual([]);
        expect(JSON.stringify(data)).not.toContain("Beta");
      }
      // The same list without a cursor does show A's own row: the check above is not vacuous.
      const own = A.ids[route.split("/").pop()!];
      if (own) {
        const { data } = (await (await call(A.adminKey, file, route, "GET", { query: "?limit=100" })).json()) as { data: { id: string }[] };
        expect(data.map((row) => row.id)).toContain(own);
      }
    });

  it("shows A's own project on GET /me", async () => {
    const file = FILES.find((f) => f.route === "/me")!.file;
    const res = await call(A.adminKey, file, "/me", "GET");
    const me = await res.json();
    expect(me.project).toMatchObject({ name: "Alpha" });
    expect(JSON.stringify(me)).not.toContain(B.id);
  });
});

describe("writes of a key of project A that name project B's rows", () => {
  const route = (r: string) => FILES.find((f) => f.route === r)!.file;

  it("refuses to subscribe B's user, even to a channel slug both projects have", async () => {
    const before = await snapshotOf(B.id);
    const countA = await db().subscription.count({ where: { projectId: A.id } });
    const res = await call(A.adminKey, route("/subscriptions"), "/subscriptions", "POST", { body: { userId: B.ids.users, channel: "news" } });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
    expect(await db().subscription.count({ where: { projectId: A.id } })).toBe(countA);
    expect(await snapshotOf(B.id)).toBe(before);
  });

  it("does not know B's channels when sending a message", async () => {
    const before = await snapshotOf(B.id);
    const countA = await db().message.count({ where: { projectId: A.id } });
    const res = await call(A.adminKey, route("/messages"), "/messages", "POST", { body: { title: "Hi", body: "Hello", target: { channels: [B.channelSlug] } } });
    expect(res.status).toBe(422);
    const json = await res.json();
    expect(json.error.code).toBe("validation_failed");
    expect(json.error.message).toContain(B.channelSlug);
    expect(await db().message.count({ where: { projectId: A.id } })).toBe(countA);
    expect(await snapshotOf(B.id)).toBe(before);
  });

  it("reaches only A's recipients with a message to a slug both projects have", async () => {
    const sub = await db().subscription.create({
      data: { projectId: B.id, contactId: B.ids.users, channelId: (await db().channel.findFirstOrThrow({ where: { projectId: B.id, slug: "news" } })).id },
    });
    try {
      const res = await call(A.adminKey, route("/messages"), "/messages", "POST", { body: { title: "Hi", body: "Hello", target: { channels: ["news"] } } });
      expect(res.status).toBe(201);
      const { id, recipients } = await res.json();
      expect(recipients).toBe(0);
      expect(await db().messageRecipient.count({ where: { messageId: id } })).toBe(0);
    } finally {
      await db().subscription.delete({ where: { id: sub.id } });
    }
  });

  it.each([
    ["/users", "user"],
    ["/organizations", "organization"],
  ] as const)("upserts on %s by an externalId B also uses into a new row of A, leaving B's alone", async (path, kind) => {
    const before = await snapshotOf(B.id);
    const res = await call(A.adminKey, route(path), path, "POST", { body: { externalId: B.externalIds[kind], name: "Mine now" } });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.id).not.toBe(B.ids[path.slice(1)]);
    expect(created.name).toBe("Mine now");
    expect(await snapshotOf(B.id)).toBe(before);
  });
});
