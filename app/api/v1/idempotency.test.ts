import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { setClockOffsetForTests } from "@/lib/clock";
import { apiRoute } from "@/lib/api/handler";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import * as messages from "./messages/route";
import * as campaigns from "./campaigns/route";
import * as campaign from "./campaigns/[id]/route";
import * as revoke from "./admin/keys/[id]/revoke/route";
import * as users from "./users/route";
import { updateKey } from "@/lib/keys/service";

// SPEC §7: Idempotency-Key on every POST. The same key with the same body within 24 hours replays
// the first answer (with Idempotent-Replayed: true); with another body it is 409. Per API key.

type Route<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

let nextIp = 1;
const uid = () => randomBytes(6).toString("hex");

function call<P>(route: Route<P>, path: string, secret: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; params?: P } = {}) {
  const headers: Record<string, string> = { "x-api-key": secret, "content-type": "application/json", "x-forwarded-for": `192.0.2.${nextIp++ % 250}`, ...init.headers };
  const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  return route(new Request(`http://localhost/api/v1${path}`, { method: init.method ?? "POST", headers, body }), { params: Promise.resolve((init.params ?? {}) as P) });
}

let projectId = "";
let editor = "";
let otherEditor = "";

beforeAll(async () => {
  const { project, ctx } = await aProject();
  projectId = project.id;
  await aChannel(ctx, project.id, "news");
  editor = (await aKey(ctx, project.id, "editor", { name: "Sender" })).secret;
  otherEditor = (await aKey(ctx, project.id, "editor", { name: "Other sender" })).secret;
});

afterEach(() => setClockOffsetForTests(0));

const messageCount = (title: string) => db().message.count({ where: { projectId, title } });
const aMessage = (title: string) => ({ title, body: "Hello", target: { channels: ["news"] } });

describe("Idempotency-Key on POST /api/v1/messages", () => {
  it("sends a message once when the same request is retried with the same key, and replays the first answer", async () => {
    const title = `Launch ${uid()}`;
    const key = uid();
    const first = await call(messages.POST, "/messages", editor, { body: aMessage(title), headers: { "idempotency-key": key } });
    const second = await call(messages.POST, "/messages", editor, { body: aMessage(title), headers: { "idempotency-key": key } });
    expect(await messageCount(title)).toBe(1);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(second.headers.get("x-request-id")).toBeTruthy();
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
  });

  it("replays the ETag the first answer carried, so a retried create can go on to a conditional edit", async () => {
    const key = uid();
    const body = { name: `Spring ${uid()}` };
    const first = await call(campaigns.POST, "/campaigns", editor, { body, headers: { "idempotency-key": key } });
    const second = await call(campaigns.POST, "/campaigns", editor, { body, headers: { "idempotency-key": key } });
    expect(first.headers.get("etag")).toBe('"1"');
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("etag")).toBe('"1"');
  });

  it("sends one message for 20 concurrent retries with one key; the others replay or are told it is in use", async () => {
    const title = `Burst ${uid()}`;
    const key = uid();
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(messages.POST, "/messages", editor, { body: aMessage(title), headers: { "idempotency-key": key } })));
    expect(await messageCount(title)).toBe(1);
    const firsts = answers.filter((a) => a.status === 201 && !a.headers.get("idempotent-replayed"));
    expect(firsts).toHaveLength(1);
    const original = await firsts[0].text();
    for (const answer of answers.filter((a) => a !== firsts[0])) {
      if (answer.status === 201) {
        expect(answer.headers.get("idempotent-replayed")).toBe("true");
        expect(await answer.text()).toBe(original);
      } else {
        expect(answer.status).toBe(409);
        expect(answer.headers.get("retry-after")).toBe("1");
        expect((await answer.json()).error.code).toBe("idempotency_key_in_use");
      }
    }
  });

  it("refuses the same key with another body (409 idempotency_key_reused) and creates nothing", async () => {
    const key = uid();
    const title = `First ${uid()}`;
    expect((await call(messages.POST, "/messages", editor, { body: aMessage(title), headers: { "idempotency-key": key } })).status).toBe(201);
    const other = `Second ${uid()}`;
    const res = await call(messages.POST, "/messages", editor, { body: aMessage(other), headers: { "idempotency-key": key } });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe("idempotency_key_reused");
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
    expect(await messageCount(other)).toBe(0);
  });

  it("refuses the same key on another path with the same body", async () => {
    const key = uid();
    const name = `Spring ${uid()}`;
    expect((await call(campaigns.POST, "/campaigns", editor, { body: { name }, headers: { "idempotency-key": key } })).status).toBe(201);
    const res = await call(messages.POST, "/messages", editor, { body: { name }, headers: { "idempotency-key": key } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("idempotency_key_reused");
  });

  it("keeps the keys of each API key apart: another key with the same value runs its own request", async () => {
    const key = uid();
    const title = `Shared ${uid()}`;
    expect((await call(messages.POST, "/messages", editor, { body: aMessage(title), headers: { "idempotency-key": key } })).status).toBe(201);
    const res = await call(messages.POST, "/messages", otherEditor, { body: aMessage(title), headers: { "idempotency-key": key } });
    expect(res.status).toBe(201);
    expect(res.headers.get("idempotent-replayed")).toBeNull();
    expect(await messageCount(title)).toBe(2);
  });

  it("forgets a key after 24 hours: the same request then runs again", async () => {
    const key = uid();
    const title = `Daily ${uid()}`;
    expect((await call(messages.POST, "/messages", editor, { body: aMessage(title), headers: { "idempotency-key": key } })).status).toBe(201);
    setClockOffsetForTests(23 * 3600_000);
    expect((await call(messages.POST, "/messages", editor, { body: aMessage(title), headers: { "idempotency-key": key } })).headers.get("idempotent-replayed")).toBe("true");
    expect(await messageCount(title)).toBe(1);
    setClockOffsetForTests(24 * 3600_000 + 1000);
    const again = await call(messages.POST, "/messages", editor, { body: aMessage(title), headers: { "idempotency-key": key } });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    expect(await messageCount(title)).toBe(2);
    // …and that second run is now the one kept.
    const replay = await call(messages.POST, "/messages", editor, { body: aMessage(title), headers: { "idempotency-key": key } });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.text()).toBe(await again.text());
    expect(await messageCount(title)).toBe(2);
  });

  it("keeps a 4xx answer of the handler and replays it (a retry of an invalid request gets the same refusal)", async () => {
    const key = uid();
    const bad = { title: "", body: "Hello" };
    const first = await call(messages.POST, "/messages", editor, { body: bad, headers: { "idempotency-key": key } });
    expect(first.status).toBe(422);
    const second = await call(messages.POST, "/messages", editor, { body: bad, headers: { "idempotency-key": key } });
    expect(second.status).toBe(422);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.text()).toBe(await first.text());
  });

  it("refuses a malformed Idempotency-Key (empty, too long, not printable ASCII) with 422 and sends nothing", async () => {
    const title = `Malformed ${uid()}`;
    for (const value of ["", "x".repeat(256), "clé-1", "tab\there"]) {
      const res = await call(messages.POST, "/messages", editor, { body: aMessage(title), headers: { "idempotency-key": value } });
      expect(res.status, JSON.stringify(value)).toBe(422);
      const body = await res.json();
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.details.issues).toEqual([{ path: "Idempotency-Key", message: expect.any(String) }]);
    }
    expect(await messageCount(title)).toBe(0);
    const longest = await call(messages.POST, "/messages", editor, { body: aMessage(title), headers: { "idempotency-key": "~".repeat(255) } });
    expect(longest.status).toBe(201);
  });

  it("stores nothing for a POST without the header: each one runs", async () => {
    const { project, ctx } = await aProject();
    const sender = await aKey(ctx, project.id, "editor");
    for (let i = 0; i < 2; i++) expect((await call(campaigns.POST, "/campaigns", sender.secret, { body: { name: "Twice" } })).status).toBe(201);
    expect(await db().record.count({ where: { projectId: project.id, name: "Twice" } })).toBe(2);
    expect(await db().idempotentRequest.count({ where: { keyId: sender.key.id } })).toBe(0);
  });

  it("refuses a body over 1 MiB with 413 before claiming the key", async () => {
    const key = uid();
    const res = await call(messages.POST, "/messages", editor, { body: aMessage("x".repeat(1024 * 1024)), headers: { "idempotency-key": key } });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
    expect(await db().idempotentRequest.count({ where: { idempotencyKey: key } })).toBe(0);
  });

  it("stores nothing for a request the key may not make (refused before the claim)", async () => {
    const { project, ctx } = await aProject();
    const client = await aKey(ctx, project.id, "client");
    const key = uid();
    const res = await call(messages.POST, "/messages", client.secret, { body: aMessage("No"), headers: { "idempotency-key": key } });
    expect(res.status).toBe(403);
    expect(await db().idempotentRequest.count({ where: { idempotencyKey: key } })).toBe(0);
  });

  it("ignores the header on GET and PATCH", async () => {
    const key = uid();
    const created = await (await call(campaigns.POST, "/campaigns", editor, { body: { name: `Autumn ${uid()}` } })).json();
    for (let i = 0; i < 2; i++) {
      const res = await call(campaign.PATCH, `/campaigns/${created.id}`, editor, { method: "PATCH", body: { name: `Renamed ${i}` }, headers: { "idempotency-key": key }, params: { id: created.id } });
      expect(res.status).toBe(200);
      expect(res.headers.get("idempotent-replayed")).toBeNull();
      expect((await res.json()).name).toBe(`Renamed ${i}`);
    }
    const read = await call(campaign.GET, `/campaigns/${created.id}`, editor, { method: "GET", headers: { "idempotency-key": key }, params: { id: created.id } });
    expect(read.status).toBe(200);
    expect(read.headers.get("idempotent-replayed")).toBeNull();
    expect(await db().idempotentRequest.count({ where: { idempotencyKey: key } })).toBe(0);
  });

  it("applies to POSTs without a body too (revoking a key)", async () => {
    const { project, ctx } = await aProject();
    const ops = await aKey(ctx, project.id, "admin");
    const victim = await aKey(ctx, project.id, "editor");
    const key = uid();
    const path = `/admin/keys/${victim.key.id}/revoke`;
    const first = await call(revoke.POST, path, ops.secret, { headers: { "idempotency-key": key }, params: { id: victim.key.id } });
    expect(first.status).toBe(200);
    const second = await call(revoke.POST, path, ops.secret, { headers: { "idempotency-key": key }, params: { id: victim.key.id } });
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.text()).toBe(await first.text());
  });
});

describe("Idempotency-Key: a replay answers only the request and the permissions that earned it", () => {
  it("refuses the retry (409) once the key became write-only, instead of replaying the stored e-mail (SPEC §7)", async () => {
    const { project, ctx } = await aProject();
    const externalId = `cust_${uid()}`;
    const email = `ada-${uid()}@example.com`;
    const editorKey = await aKey(ctx, project.id, "editor");
    expect((await call(users.POST, "/users", editorKey.secret, { body: { externalId, email } })).status).toBeLessThan(300);
    const support = await aKey(ctx, project.id, "support");
    const key = uid();
    const first = await call(users.POST, "/users", support.secret, { body: { externalId }, headers: { "idempotency-key": key } });
    expect(first.status).toBe(200);
    expect((await first.json()).email).toBe(email);

    const settings = { description: "", scope: "all" as const, channels: [], rateLimit: null };
    await updateKey(project.id, { id: support.key.id, name: "Now write-only", role: "custom", permissions: { users: "write" }, ...settings }, ctx);
    const retry = await call(users.POST, "/users", support.secret, { body: { externalId }, headers: { "idempotency-key": key } });
    const text = await retry.text();
    expect(text).not.toContain(email);
    expect(retry.status).toBe(409);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    const body = JSON.parse(text);
    expect(body.error.code).toBe("idempotency_key_reused");
    expect(body.error.message).toMatch(/permissions/);
  });

  it("refuses a retry with another If-Match (another request), and replays one with the same", async () => {
    const key = uid();
    const body = { name: `Conditional ${uid()}` };
    const first = await call(campaigns.POST, "/campaigns", editor, { body, headers: { "idempotency-key": key, "if-match": '"1"' } });
    expect(first.status).toBe(201);
    const same = await call(campaigns.POST, "/campaigns", editor, { body, headers: { "idempotency-key": key, "if-match": '"1"' } });
    expect(same.headers.get("idempotent-replayed")).toBe("true");
    const other = await call(campaigns.POST, "/campaigns", editor, { body, headers: { "idempotency-key": key, "if-match": '"2"' } });
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe("idempotency_key_reused");
    const without = await call(campaigns.POST, "/campaigns", editor, { body, headers: { "idempotency-key": key } });
    expect(without.status).toBe(409);
    expect(await db().record.count({ where: { projectId, name: body.name } })).toBe(1);
  });
});

describe("Idempotency-Key around any handler", () => {
  it("answers 409 idempotency_key_in_use with Retry-After while the first request runs, then replays it with its ETag and Location", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const slow = apiRoute({ resource: "campaigns", action: "create" }, async () => {
      runs++;
      await gate;
      return Response.json({ id: "c1" }, { status: 201, headers: { ETag: '"1"', Location: "/api/v1/campaigns/c1", "X-Other": "not kept" } });
    });
    const key = uid();
    const first = call(slow, "/slow", editor, { body: { name: "Slow" }, headers: { "idempotency-key": key } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const meanwhile = await call(slow, "/slow", editor, { body: { name: "Slow" }, headers: { "idempotency-key": key } });
    expect(meanwhile.status).toBe(409);
    expect(meanwhile.headers.get("retry-after")).toBe("1");
    expect((await meanwhile.json()).error.code).toBe("idempotency_key_in_use");
    release();
    expect((await first).status).toBe(201);
    const replay = await call(slow, "/slow", editor, { body: { name: "Slow" }, headers: { "idempotency-key": key } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("etag")).toBe('"1"');
    expect(replay.headers.get("location")).toBe("/api/v1/campaigns/c1");
    expect(replay.headers.get("x-other")).toBeNull();
    expect(replay.headers.get("cache-control")).toBe("no-store");
    expect(await replay.json()).toEqual({ id: "c1" });
    expect(runs).toBe(1);
  });

  it("keeps no 409 conflict (a race with another request): the retry runs again", async () => {
    let runs = 0;
    const racy = apiRoute({ resource: "campaigns", action: "create" }, async () => {
      runs++;
      if (runs === 1) throw Object.assign(new Error("unique"), { code: "P2002" });
      return Response.json({ run: runs }, { status: 201 });
    });
    const key = uid();
    const first = await call(racy, "/racy", editor, { body: {}, headers: { "idempotency-key": key } });
    expect(first.status).toBe(409);
    expect((await first.json()).error.code).toBe("conflict");
    const second = await call(racy, "/racy", editor, { body: {}, headers: { "idempotency-key": key } });
    expect(second.status).toBe(201);
    expect(runs).toBe(2);
  });

  it("keeps no 5xx answer: the retry runs the handler again", async () => {
    let runs = 0;
    const flaky = apiRoute({ resource: "campaigns", action: "create" }, async () => {
      runs++;
      if (runs === 1) throw new Error("the first run fails");
      return Response.json({ run: runs }, { status: 201 });
    });
    const key = uid();
    const first = await call(flaky, "/flaky", editor, { body: {}, headers: { "idempotency-key": key } });
    expect(first.status).toBe(500);
    const second = await call(flaky, "/flaky", editor, { body: {}, headers: { "idempotency-key": key } });
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    const third = await call(flaky, "/flaky", editor, { body: {}, headers: { "idempotency-key": key } });
    expect(third.headers.get("idempotent-replayed")).toBe("true");
    expect(await third.json()).toEqual({ run: 2 });
    expect(runs).toBe(2);
  });
});
