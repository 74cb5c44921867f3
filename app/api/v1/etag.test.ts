import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import { renameChannel } from "@/lib/channels/service";
import { revokeKey, rotateKey, updateKey } from "@/lib/keys/service";
import * as campaigns from "@/app/api/v1/campaigns/route";
import * as campaign from "@/app/api/v1/campaigns/[id]/route";
import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as channels from "@/app/api/v1/channels/route";
import * as channel from "@/app/api/v1/channels/[id]/route";
import * as integration from "@/app/api/v1/integrations/[id]/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as messages from "@/app/api/v1/messages/route";
import * as message from "@/app/api/v1/messages/[id]/route";
import * as events from "@/app/api/v1/events/route";
import * as subscriptions from "@/app/api/v1/subscriptions/route";
import * as adminKey from "@/app/api/v1/admin/keys/[id]/route";
import * as revokeRoute from "@/app/api/v1/admin/keys/[id]/revoke/route";

// SPEC §7: ETag on every single-object GET, PATCH and POST; If-Match on PATCH and DELETE (412
// precondition_failed when it names another version); If-None-Match on GET (304). The version is
// the object's, so a change made anywhere (the dashboard, a key rotation) moves it too.

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let secret = "";
let projectId = "";
let ctx: Awaited<ReturnType<typeof aProject>>["ctx"];

function call(route: unknown, { id = "", method = "GET", body, headers = {} }: { id?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  return (route as Route)(
    new Request(`http://localhost/api/v1/x/${id}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.77", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );
}

async function aCampaign(name = "Spring") {
  const res = await call(campaigns.POST, { method: "POST", body: { name, data: { stage: "draft" } } });
  expect(res.status).toBe(201);
  return { id: (await res.json()).id as string, etag: res.headers.get("etag") };
}

const errorCode = async (res: Response) => [res.status, (await res.json()).error.code];

beforeAll(async () => {
  const team = await aProject();
  ctx = team.ctx;
  projectId = team.project.id;
  secret = (await aKey(ctx, projectId, "admin", { name: "Etag admin" })).secret;
});

describe("ETags on reads and writes", () => {
  it('a created object answers ETag "1", its GET the same, and each PATCH moves it by one', async () => {
    const created = await aCampaign();
    expect(created.etag).toBe('"1"');
    const read = await call(campaign.GET, { id: created.id });
    expect(read.headers.get("etag")).toBe('"1"');
    const patched = await call(campaign.PATCH, { id: created.id, method: "PATCH", body: { name: "Summer" } });
    expect(patched.status).toBe(200);
    expect(patched.headers.get("etag")).toBe('"2"');
    expect((await call(campaign.GET, { id: created.id })).headers.get("etag")).toBe('"2"');
    expect(await db().record.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ name: "Summer", version: 2 });
  });

  it("the version stays in the ETag header, not in the body", async () => {
    const { id } = await aCampaign();
    const body = await (await call(campaign.GET, { id })).json();
    expect(body).not.toHaveProperty("version");
  });

  it("users, channels and integrations carry ETags too; an upsert of an existing user moves it", async () => {
    const first = await call(users.POST, { method: "POST", body: { externalId: "etag-u1", name: "Ada" } });
    expect([first.status, first.headers.get("etag")]).toEqual([201, '"1"']);
    const again = await call(users.POST, { method: "POST", body: { externalId: "etag-u1", name: "Ada L." } });
    expect([again.status, again.headers.get("etag")]).toEqual([200, '"2"']);
    const id = (await again.json()).id;
    expect((await call(user.GET, { id })).headers.get("etag")).toBe('"2"');
    const patched = await call(user.PATCH, { id, method: "PATCH", body: { email: "ada@example.com" } });
    expect(patched.headers.get("etag")).toBe('"3"');

    const ch = await call(channels.POST, { method: "POST", body: { name: "Alerts", slug: "etag-alerts" } });
    expect([ch.status, ch.headers.get("etag")]).toEqual([201, '"1"']);
    const chId = (await ch.json()).id;
    expect((await call(channel.PATCH, { id: chId, method: "PATCH", body: { name: "Alarms" } })).headers.get("etag")).toBe('"2"');

    const hook = await call(integrations.POST, { method: "POST", body: { name: "Hook", type: "webhook" } });
    expect(hook.headers.get("etag")).toBe('"1"');
    expect((await call(integration.PATCH, { id: (await hook.json()).id, method: "PATCH", body: { config: { url: "https://example.com" } } })).headers.get("etag")).toBe('"2"');
  });

  it('objects that never change (messages, events, subscriptions) are always "1"', async () => {
    const sent = await call(messages.POST, { method: "POST", body: { title: "Hi", body: "Hello" } });
    expect([sent.status, sent.headers.get("etag")]).toEqual([201, '"1"']);
    const read = await call(message.GET, { id: (await sent.json()).id });
    expect(read.headers.get("etag")).toBe('"1"');
    expect((await call(events.POST, { method: "POST", body: { name: "signed_up" } })).headers.get("etag")).toBe('"1"');
    const u = await (await call(users.POST, { method: "POST", body: { externalId: "etag-sub" } })).json();
    await aChannel(ctx, projectId, "etag-subs");
    const sub = await call(subscriptions.POST, { method: "POST", body: { userId: u.id, channel: "etag-subs" } });
    expect([sub.status, sub.headers.get("etag")]).toEqual([201, '"1"']);
  });
});

describe("If-Match on PATCH and DELETE", () => {
  it("a PATCH with a stale If-Match is 412 precondition_failed naming the current version, and changes nothing", async () => {
    const { id } = await aCampaign();
    await call(campaign.PATCH, { id, method: "PATCH", body: { name: "Other integration" } });
    const before = await db().record.findUniqueOrThrow({ where: { id } });
    const res = await call(campaign.PATCH, { id, method: "PATCH", body: { name: "Mine" }, headers: { "if-match": '"1"' } });
    expect(res.status).toBe(412);
    const body = await res.json();
    expect(body.error.code).toBe("precondition_failed");
    expect(body.error.message).toContain("version 2");
    expect(await db().record.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("a PATCH with the current If-Match (or one of a list, or *) succeeds with the new ETag", async () => {
    const { id } = await aCampaign();
    const ok = await call(campaign.PATCH, { id, method: "PATCH", body: { name: "A" }, headers: { "if-match": '"1"' } });
    expect([ok.status, ok.headers.get("etag")]).toEqual([200, '"2"']);
    const listed = await call(campaign.PATCH, { id, method: "PATCH", body: { name: "B" }, headers: { "if-match": '"7", "2"' } });
    expect([listed.status, listed.headers.get("etag")]).toEqual([200, '"3"']);
    const any = await call(campaign.PATCH, { id, method: "PATCH", body: { name: "C" }, headers: { "if-match": "*" } });
    expect([any.status, any.headers.get("etag")]).toEqual([200, '"4"']);
    expect((await db().record.findUniqueOrThrow({ where: { id } })).name).toBe("C");
  });

  it("a weak tag never matches If-Match (strong comparison), nor does an unquoted or malformed one", async () => {
    const { id } = await aCampaign();
    for (const header of ['W/"1"', "1", '"1', 'garbage, "1"x']) {
      const res = await call(campaign.PATCH, { id, method: "PATCH", body: { name: "No" }, headers: { "if-match": header } });
      expect(await errorCode(res), header).toEqual([412, "precondition_failed"]);
    }
    expect(await db().record.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Spring", version: 1 });
  });

  it("If-Match on a missing object is 404, as without it", async () => {
    const res = await call(campaign.PATCH, { id: "cl0000000000000000000000", method: "PATCH", body: { name: "x" }, headers: { "if-match": "*" } });
    expect(await errorCode(res)).toEqual([404, "not_found"]);
  });

  it("a DELETE with a stale If-Match is 412 and the object is still there; with the current one it goes", async () => {
    const { id } = await aCampaign();
    await call(campaign.PATCH, { id, method: "PATCH", body: { name: "Moved on" } });
    expect(await errorCode(await call(campaign.DELETE, { id, method: "DELETE", headers: { "if-match": '"1"' } }))).toEqual([412, "precondition_failed"]);
    expect(await db().record.findUnique({ where: { id } })).not.toBeNull();
    expect((await call(campaign.DELETE, { id, method: "DELETE", headers: { "if-match": '"2"' } })).status).toBe(204);
    expect(await db().record.findUnique({ where: { id } })).toBeNull();
  });

  it("users and channels honour If-Match on PATCH and DELETE too", async () => {
    const u = await (await call(users.POST, { method: "POST", body: { externalId: "etag-im", name: "Bo" } })).json();
    expect(await errorCode(await call(user.PATCH, { id: u.id, method: "PATCH", body: { name: "X" }, headers: { "if-match": '"9"' } }))).toEqual([412, "precondition_failed"]);
    expect(await errorCode(await call(user.PATCH, { id: u.id, method: "PATCH", body: {}, headers: { "if-match": '"9"' } }))).toEqual([412, "precondition_failed"]);
    expect(await errorCode(await call(user.DELETE, { id: u.id, method: "DELETE", headers: { "if-match": '"9"' } }))).toEqual([412, "precondition_failed"]);
    expect(await db().contact.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({ name: "Bo", version: 1 });

    const ch = await (await call(channels.POST, { method: "POST", body: { name: "Ops", slug: "etag-ops" } })).json();
    expect(await errorCode(await call(channel.PATCH, { id: ch.id, method: "PATCH", body: { name: "X" }, headers: { "if-match": '"9"' } }))).toEqual([412, "precondition_failed"]);
    expect(await errorCode(await call(channel.DELETE, { id: ch.id, method: "DELETE", headers: { "if-match": '"9"' } }))).toEqual([412, "precondition_failed"]);
    expect(await db().channel.findUniqueOrThrow({ where: { id: ch.id } })).toMatchObject({ name: "Ops", version: 1 });
    expect((await call(channel.DELETE, { id: ch.id, method: "DELETE", headers: { "if-match": '"1"' } })).status).toBe(204);
  });

  it("two concurrent PATCHes with the same If-Match: exactly one 200 and one 412, and the winner's change stays", async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await aCampaign();
      const [a, b] = await Promise.all(["A", "B"].map((name) => call(campaign.PATCH, { id, method: "PATCH", body: { name }, headers: { "if-match": '"1"' } })));
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      const winner = a.status === 200 ? "A" : "B";
      expect(await db().record.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: winner, version: 2 });
    }
  });

  it("concurrent PATCHes without If-Match lose no update: each merge lands on the version it read", async () => {
    // One caller renames, the other changes `data`: both changes must survive, on both engines
    // (on PostgreSQL the old read-merge-write transaction lost one of them in every round).
    for (let round = 0; round < 10; round++) {
      const { id } = await aCampaign();
      const results = await Promise.all([call(campaign.PATCH, { id, method: "PATCH", body: { name: "Renamed" } }), call(campaign.PATCH, { id, method: "PATCH", body: { data: { stage: "live" } } })]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const row = await db().record.findUniqueOrThrow({ where: { id } });
      expect([row.name, JSON.parse(row.data), row.version]).toEqual(["Renamed", { stage: "live" }, 3]);
    }
  });
});

describe("If-None-Match on GET", () => {
  it("the current ETag (or W/ of it, or *) answers 304 with the ETag and no body; a stale one the object", async () => {
    const { id } = await aCampaign();
    for (const header of ['"1"', 'W/"1"', '"5", "1"', "*"]) {
      const res = await call(campaign.GET, { id, headers: { "if-none-match": header } });
      expect(res.status, header).toBe(304);
      expect(res.headers.get("etag")).toBe('"1"');
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(await res.text()).toBe("");
    }
    await call(campaign.PATCH, { id, method: "PATCH", body: { name: "Changed" } });
    const fresh = await call(campaign.GET, { id, headers: { "if-none-match": '"1"' } });
    expect([fresh.status, fresh.headers.get("etag")]).toEqual([200, '"2"']);
    expect((await fresh.json()).name).toBe("Changed");
  });
});

describe("a change from anywhere moves the version", () => {
  it("renaming a channel in the dashboard changes its ETag", async () => {
    const ch = await (await call(channels.POST, { method: "POST", body: { name: "Beta", slug: "etag-beta" } })).json();
    await renameChannel(projectId, { id: ch.id, name: "Beta testers" }, ctx);
    const read = await call(channel.GET, { id: ch.id });
    expect(read.headers.get("etag")).toBe('"2"');
    expect(await errorCode(await call(channel.PATCH, { id: ch.id, method: "PATCH", body: { name: "x" }, headers: { "if-match": '"1"' } }))).toEqual([412, "precondition_failed"]);
  });
});

describe("the services take the version a dashboard form was read at", () => {
  it("a stale expected version throws StaleVersion and changes nothing; the current one writes and returns the new version", async () => {
    const { key } = await aKey(ctx, projectId, "editor", { name: "Form" });
    const settings = { description: "", role: "editor" as const, scope: "all" as const, channels: [], permissions: undefined, rateLimit: null };
    await expect(updateKey(projectId, { id: key.id, name: "Stale form", ...settings }, ctx, [7])).rejects.toMatchObject({ code: "precondition_failed", current: 1 });
    await expect(revokeKey(projectId, key.id, ctx, [7])).rejects.toMatchObject({ code: "precondition_failed", current: 1 });
    expect(await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({ name: "Form", revokedAt: null, version: 1 });
    expect(await updateKey(projectId, { id: key.id, name: "Fresh form", ...settings }, ctx, [1])).toMatchObject({ changed: true, version: 2 });
    expect(await revokeKey(projectId, key.id, ctx, [2])).toMatchObject({ version: 3 });

    const ch = await aChannel(ctx, projectId, "etag-form");
    await expect(renameChannel(projectId, { id: ch.id, name: "Stale" }, ctx, [2])).rejects.toMatchObject({ code: "precondition_failed", current: 1 });
    expect(await renameChannel(projectId, { id: ch.id, name: "Fresh" }, ctx, [1])).toMatchObject({ version: 2 });
  });
});

describe("admin keys", () => {
  async function aWorker() {
    const { key } = await aKey(ctx, projectId, "editor", { name: "Worker" });
    return key.id;
  }
  const settings = { description: "", role: "support" as const, scope: "all" as const, channels: [], permissions: undefined, rateLimit: null };

  it("GET, PATCH and revoke answer the key's ETag; If-None-Match gives 304", async () => {
    const id = await aWorker();
    const read = await call(adminKey.GET, { id });
    expect(read.headers.get("etag")).toBe('"1"');
    expect((await call(adminKey.GET, { id, headers: { "if-none-match": '"1"' } })).status).toBe(304);
    const patched = await call(adminKey.PATCH, { id, method: "PATCH", body: { name: "Worker 2" } });
    expect([patched.status, patched.headers.get("etag")]).toEqual([200, '"2"']);
    const revoked = await call(revokeRoute.POST, { id, method: "POST" });
    expect([revoked.status, revoked.headers.get("etag")]).toEqual([200, '"3"']);
  });

  it("a stale If-Match on PATCH, revoke or DELETE is 412 and changes nothing", async () => {
    const id = await aWorker();
    await call(adminKey.PATCH, { id, method: "PATCH", body: { name: "Moved on" } });
    const before = await db().apiKey.findUniqueOrThrow({ where: { id } });
    expect(await errorCode(await call(adminKey.PATCH, { id, method: "PATCH", body: { role: "admin" }, headers: { "if-match": '"1"' } }))).toEqual([412, "precondition_failed"]);
    expect(await errorCode(await call(revokeRoute.POST, { id, method: "POST", headers: { "if-match": '"1"' } }))).toEqual([412, "precondition_failed"]);
    expect(await errorCode(await call(adminKey.DELETE, { id, method: "DELETE", headers: { "if-match": '"1"' } }))).toEqual([412, "precondition_failed"]);
    expect(await db().apiKey.findUniqueOrThrow({ where: { id } })).toEqual(before);
    const ok = await call(adminKey.PATCH, { id, method: "PATCH", body: { description: "current" }, headers: { "if-match": '"2"' } });
    expect([ok.status, ok.headers.get("etag")]).toEqual([200, '"3"']);
    expect((await call(adminKey.DELETE, { id, method: "DELETE", headers: { "if-match": '"3"' } })).status).toBe(204);
  });

  it("an edit, a rotation or a revocation in the dashboard changes the key's ETag", async () => {
    const id = await aWorker();
    await updateKey(projectId, { id, name: "Edited in the dashboard", ...settings }, ctx);
    expect((await call(adminKey.GET, { id })).headers.get("etag")).toBe('"2"');
    await rotateKey(projectId, { id, grace: "1h" }, ctx);
    expect((await call(adminKey.GET, { id })).headers.get("etag")).toBe('"3"');
    await revokeKey(projectId, id, ctx);
    expect((await call(adminKey.GET, { id })).headers.get("etag")).toBe('"4"');
  });

  it("concurrent key PATCHes without If-Match lose no field: each merge lands on the version it read", async () => {
    for (let round = 0; round < 5; round++) {
      const id = await aWorker();
      const results = await Promise.all([call(adminKey.PATCH, { id, method: "PATCH", body: { name: "Renamed" } }), call(adminKey.PATCH, { id, method: "PATCH", body: { description: "Edited" } })]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      expect(await db().apiKey.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Renamed", description: "Edited", version: 3 });
    }
  });

  it("two concurrent key PATCHes with the same If-Match: one 200, one 412", async () => {
    const id = await aWorker();
    const [a, b] = await Promise.all(["One", "Two"].map((name) => call(adminKey.PATCH, { id, method: "PATCH", body: { name }, headers: { "if-match": '"1"' } })));
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id } })).version).toBe(2);
  });
});
