import { expect, test, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { adminApi } from "./fixtures";
import { createKey, signUp, uniqueEmail } from "./support";

// Channel scope (SPEC §4) end to end: real HTTP requests to POST /api/v1/messages on the running
// server. Every run seeds its own projects through the dashboard and the API (e2e/fixtures.ts), so
// the server may already hold anything else.
//
// The seed (project A), with who is subscribed where:
//
//   contact  marketing  news  vip     quiet (a channel nobody is subscribed to)
//   c1          ✓
//   c2          ✓         ✓
//   c3                    ✓
//   c4                    ✓     ✓
//   c5          ✓         ✓     ✓
//   c6      (no channel)
//
// Project B has a "marketing" channel of its own (same slug: slugs are unique per project only)
// with two subscribers, and a "partners" channel that project A does not have.

const SQLITE_FILE = process.env.E2E_SQLITE_FILE ?? "data/e2e.db";

type Contact = "c1" | "c2" | "c3" | "c4" | "c5" | "c6";
const SUBSCRIPTIONS: Record<Contact, string[]> = {
  c1: ["marketing"],
  c2: ["marketing", "news"],
  c3: ["news"],
  c4: ["news", "vip"],
  c5: ["marketing", "news", "vip"],
  c6: [],
};
const CHANNELS = ["marketing", "news", "vip", "quiet"];

/** Who the seed says a set of channels reaches (distinct contacts), for exact expectations. */
function subscribersOf(channels: string[]): Contact[] {
  return (Object.keys(SUBSCRIPTIONS) as Contact[]).filter((c) => SUBSCRIPTIONS[c].some((slug) => channels.includes(slug)));
}

type SeededKey = { id: string; key: string };
type Seed = {
  projectA: { id: string; slug: string };
  projectB: { id: string; slug: string };
  contactIds: Record<Contact, string>;
  keys: {
    allEditor: SeededKey;
    scopedEditor: SeededKey; // marketing, news
    quietEditor: SeededKey; // quiet (no subscribers)
    allSupport: SeededKey;
    scopedSupport: SeededKey; // marketing
    otherProjectEditor: SeededKey; // project B, all recipients
  };
};

// Reads only: the stored rows behind an answer, which no API shows (WAL mode lets both open the file).
function withDb<T>(fn: (conn: Database.Database) => T): T {
  const conn = new Database(SQLITE_FILE, { readonly: true });
  conn.pragma("busy_timeout = 5000");
  try {
    return fn(conn);
  } finally {
    conn.close();
  }
}

/** A project of its own through the dashboard; returns its admin key. */
async function projectWithAdminKey(browser: Browser, name: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, { name: "Scope Seeder", email: uniqueEmail("seeder"), project: name });
  const adminKey = await createKey(page, "Seeder", "Admin");
  await context.close();
  return adminKey;
}

/** The seed, through the product: projects in the dashboard, the rest through the API. */
async function seed(browser: Browser, request: APIRequestContext): Promise<Seed> {
  const suffix = randomBytes(4).toString("hex");
  const contact = async (api: ReturnType<typeof adminApi>, externalId: string) => (await api.user(externalId, `${externalId}-${suffix}@example.com`)).id;
  const apiKey = async (api: ReturnType<typeof adminApi>, name: string, role: "editor" | "support", channels?: string[]): Promise<SeededKey> => {
    const { id, secret } = await api.createKey({ name, role, ...(channels ? { scope: "channels", channels } : {}) });
    return { id, key: secret };
  };

  const a = adminApi(request, await projectWithAdminKey(browser, "Scope Shop"));
  for (const slug of CHANNELS) await a.channel(slug);
  const contactIds = {} as Record<Contact, string>;
  for (const [name, slugs] of Object.entries(SUBSCRIPTIONS) as [Contact, string[]][]) {
    contactIds[name] = await contact(a, name);
    for (const slug of slugs) await a.subscribe(contactIds[name], slug);
  }

  const b = adminApi(request, await projectWithAdminKey(browser, "Scope Elsewhere"));
  for (const slug of ["marketing", "partners"]) await b.channel(slug);
  for (const name of ["b1", "b2"]) {
    const contactId = await contact(b, name);
    for (const slug of ["marketing", "partners"]) await b.subscribe(contactId, slug);
  }

  return {
    projectA: await a.project(),
    projectB: await b.project(),
    contactIds,
    keys: {
      allEditor: await apiKey(a, "All editor", "editor"),
      scopedEditor: await apiKey(a, "Scoped editor", "editor", ["news", "marketing"]),
      quietEditor: await apiKey(a, "Quiet editor", "editor", ["quiet"]),
      allSupport: await apiKey(a, "All support", "support"),
      scopedSupport: await apiKey(a, "Scoped support", "support", ["marketing"]),
      otherProjectEditor: await apiKey(b, "Other editor", "editor"),
    },
  };
}

const messageCount = (projectId: string): number => withDb((conn) => (conn.prepare(`SELECT COUNT(*) AS n FROM "Message" WHERE "projectId" = ?`).get(projectId) as { n: number }).n);

function storedMessage(messageId: string) {
  return withDb((conn) => ({
    row: conn.prepare(`SELECT "projectId", "channels", "recipients", "keyId" FROM "Message" WHERE "id" = ?`).get(messageId) as
      { projectId: string; channels: string; recipients: number; keyId: string } | undefined,
    contactIds: (conn.prepare(`SELECT "contactId" FROM "MessageRecipient" WHERE "messageId" = ? ORDER BY "contactId"`).all(messageId) as { contactId: string }[]).map((r) => r.contactId),
  }));
}

const deniedEntries = (keyId: string): { code: string; targetLabel: string }[] =>
  withDb((conn) =>
    (
      conn.prepare(`SELECT "changes", "targetLabel" FROM "AuditEntry" WHERE "actorType" = 'key' AND "actorId" = ? AND "action" = 'api.denied'`).all(keyId) as { changes: string; targetLabel: string }[]
    ).map((r) => ({ code: (JSON.parse(r.changes) as { code: string }).code, targetLabel: r.targetLabel })),
  );

function send(request: APIRequestContext, key: SeededKey, channels?: string[]): Promise<APIResponse> {
  return request.post("/api/v1/messages", {
    headers: { Authorization: `Bearer ${key.key}` },
    data: { title: "Hello", body: "A message from the scope test.", ...(channels ? { target: { channels } } : {}) },
  });
}

let s: Seed;

test.beforeAll(async ({ browser, request }) => {
  const health = await request.get("/api/health").catch((error: Error) => error);
  if (health instanceof Error || !health.ok()) throw new Error(`the server under test is not answering /api/health: ${health instanceof Error ? health.message : health.status()}`);
  s = await seed(browser, request);
});

test.describe("POST /api/v1/messages honours the key's channel scope (SPEC §4)", () => {
  /** Sends, expects 201, and checks the reply and the stored Message and MessageRecipient rows against the seed. */
  async function expectSent(request: APIRequestContext, key: SeededKey, target: string[] | undefined, expected: { channels: string[]; reached: Contact[] }) {
    const response = await send(request, key, target);
    expect(response.status(), await response.text()).toBe(201);
    const body = (await response.json()) as { id: string; recipients: number; channels: string[] };
    expect(body).toEqual({ id: expect.any(String), recipients: expected.reached.length, channels: expected.channels });

    const stored = storedMessage(body.id);
    expect(stored.row).toEqual({ projectId: s.projectA.id, channels: expected.channels.join(","), recipients: expected.reached.length, keyId: key.id });
    expect(stored.contactIds).toEqual(expected.reached.map((c) => s.contactIds[c]).sort());
    return body;
  }

  test("an all-recipients key without a target reaches every contact, subscribed or not", async ({ request }) => {
    const body = await expectSent(request, s.keys.allEditor, undefined, { channels: [], reached: ["c1", "c2", "c3", "c4", "c5", "c6"] });
    expect(body.recipients).toBe(6);

    // The stored message reads back the same way through the API.
    const read = await request.get(`/api/v1/messages/${body.id}`, { headers: { "X-API-Key": s.keys.allSupport.key } });
    expect(read.status()).toBe(200);
    expect(await read.json()).toMatchObject({ id: body.id, recipients: 6, channels: [] });
  });

  test("an all-recipients key with a target reaches only those channels' subscribers, each once", async ({ request }) => {
    // marketing (3) + news (4) share c2 and c5: 5 distinct contacts, not 7.
    expect(subscribersOf(["marketing", "news"])).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    await expectSent(request, s.keys.allEditor, ["news", "marketing"], { channels: ["marketing", "news"], reached: ["c1", "c2", "c3", "c4", "c5"] });
    await expectSent(request, s.keys.allEditor, ["vip"], { channels: ["vip"], reached: ["c4", "c5"] });
    // A repeated slug counts once.
    await expectSent(request, s.keys.allEditor, ["vip", "vip", "news"], { channels: ["news", "vip"], reached: ["c2", "c3", "c4", "c5"] });
    // A channel nobody is subscribed to reaches nobody; the message is still recorded.
    await expectSent(request, s.keys.allEditor, ["quiet"], { channels: ["quiet"], reached: [] });
  });

  test("a channel-scoped key without a target reaches its own channels' subscribers", async ({ request }) => {
    await expectSent(request, s.keys.scopedEditor, undefined, { channels: ["marketing", "news"], reached: ["c1", "c2", "c3", "c4", "c5"] });
    await expectSent(request, s.keys.quietEditor, undefined, { channels: ["quiet"], reached: [] });
  });

  test("a channel-scoped key may address a subset of its channels", async ({ request }) => {
    await expectSent(request, s.keys.scopedEditor, ["news"], { channels: ["news"], reached: ["c2", "c3", "c4", "c5"] });
    await expectSent(request, s.keys.scopedEditor, ["marketing"], { channels: ["marketing"], reached: ["c1", "c2", "c5"] });
    // The whole scope, named explicitly, is a subset too.
    await expectSent(request, s.keys.scopedEditor, ["news", "marketing"], { channels: ["marketing", "news"], reached: ["c1", "c2", "c3", "c4", "c5"] });
  });

  test("a channel-scoped key addressing a channel outside its scope is 403 scope_violation naming it, and sends nothing", async ({ request }) => {
    const before = messageCount(s.projectA.id);

    for (const [target, outside] of [
      [["news", "vip"], ["vip"]],
      [["vip"], ["vip"]],
      [
        ["quiet", "marketing", "vip"],
        ["quiet", "vip"],
      ],
    ] as const) {
      const response = await send(request, s.keys.scopedEditor, [...target]);
      expect(response.status(), await response.text()).toBe(403);
      const body = (await response.json()) as { error: { code: string; message: string; details?: { channels?: string[] } }; requestId: string };
      expect(body.error.code).toBe("scope_violation");
      expect([...(body.error.details?.channels ?? [])].sort()).toEqual([...outside]);
      for (const slug of outside) expect(body.error.message).toContain(slug);
      expect(body.requestId).toBe(response.headers()["x-request-id"]);
    }

    expect(messageCount(s.projectA.id)).toBe(before);
    // The refusals are in the project's audit log (SPEC §8).
    expect(deniedEntries(s.keys.scopedEditor.id).filter((e) => e.code === "scope_violation")).toHaveLength(3);
  });

  test("unknown channel slugs are 422 validation_failed naming them for an all-recipients key, 403 for a scoped one, and send nothing", async ({ request }) => {
    const before = messageCount(s.projectA.id);

    const response = await send(request, s.keys.allEditor, ["marketing", "no-such-channel", "ghost"]);
    expect(response.status(), await response.text()).toBe(422);
    const body = (await response.json()) as { error: { code: string; message: string; details: { issues: { path: string; message: string }[] } } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toContain("no-such-channel");
    expect(body.error.message).toContain("ghost");
    expect(body.error.message).not.toContain("marketing");
    expect(body.error.details.issues).toHaveLength(2);
    for (const slug of ["no-such-channel", "ghost"]) {
      expect(body.error.details.issues).toContainEqual({ path: "target.channels", message: expect.stringContaining(slug) });
    }

    // Another project's channel is unknown here, even to an all-recipients key.
    const foreign = await send(request, s.keys.allEditor, ["partners"]);
    expect(foreign.status()).toBe(422);
    expect((await foreign.json()).error).toMatchObject({ code: "validation_failed", message: expect.stringContaining("partners") });

    // A channel-scoped key learns nothing about channels outside its scope: known or not, they are 403.
    const scoped = await send(request, s.keys.scopedEditor, ["news", "ghost"]);
    expect(scoped.status()).toBe(403);
    expect((await scoped.json()).error).toMatchObject({ code: "scope_violation", message: expect.stringContaining("ghost") });

    expect(messageCount(s.projectA.id)).toBe(before);
  });

  test("a support key cannot send messages whatever its scope: 403 insufficient_permissions", async ({ request }) => {
    const before = messageCount(s.projectA.id);

    for (const [key, target] of [
      [s.keys.allSupport, undefined],
      [s.keys.allSupport, ["marketing"]],
      [s.keys.scopedSupport, ["marketing"]],
      [s.keys.scopedSupport, undefined],
    ] as const) {
      const response = await send(request, key, target ? [...target] : undefined);
      expect(response.status(), await response.text()).toBe(403);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("insufficient_permissions");
      expect(error.message).toContain('"support"');
      expect(error.message).toContain("messages");
    }

    expect(messageCount(s.projectA.id)).toBe(before);
    expect(deniedEntries(s.keys.allSupport.id).map((e) => e.code)).toEqual(["insufficient_permissions", "insufficient_permissions"]);
    expect(deniedEntries(s.keys.allSupport.id)[0].targetLabel).toBe("POST /api/v1/messages");

    // Reading messages is within a support key's role.
    const list = await request.get("/api/v1/messages?limit=100", { headers: { Authorization: `Bearer ${s.keys.allSupport.key}` } });
    expect(list.status()).toBe(200);
    expect(((await list.json()) as { data: unknown[] }).data.length).toBe(before);
  });

  test("a key reaches only its own project's contacts, even through a channel slug both projects have", async ({ request }) => {
    const before = messageCount(s.projectA.id);
    const response = await send(request, s.keys.otherProjectEditor, ["marketing"]);
    expect(response.status(), await response.text()).toBe(201);
    const body = (await response.json()) as { id: string; recipients: number; channels: string[] };
    expect(body).toEqual({ id: expect.any(String), recipients: 2, channels: ["marketing"] });
    expect(storedMessage(body.id).row?.projectId).toBe(s.projectB.id);

    const everyone = await send(request, s.keys.otherProjectEditor);
    expect(everyone.status()).toBe(201);
    expect((await everyone.json()).recipients).toBe(2);
    expect(messageCount(s.projectA.id)).toBe(before);
  });
});
