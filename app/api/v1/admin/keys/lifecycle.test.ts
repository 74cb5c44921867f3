import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import * as keysRoute from "@/app/api/v1/admin/keys/route";
import * as disableRoute from "@/app/api/v1/admin/keys/[id]/disable/route";
import * as rotateRoute from "@/app/api/v1/admin/keys/[id]/rotate/route";
import * as enableRoute from "@/app/api/v1/admin/keys/[id]/enable/route";
import { GET as getOne } from "@/app/api/v1/admin/keys/[id]/route";
import { POST as disable } from "@/app/api/v1/admin/keys/[id]/disable/route";
import { POST as enable } from "@/app/api/v1/admin/keys/[id]/enable/route";
import { POST as rotate } from "@/app/api/v1/admin/keys/[id]/rotate/route";
import { POST as revoke } from "@/app/api/v1/admin/keys/[id]/revoke/route";
import { GET as me } from "@/app/api/v1/me/route";

// The admin API's create, rotate, disable and enable (SPEC §5, §7, §15).

const create = keysRoute.POST;

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (route: unknown, secret: string, { id = "", body, headers = {} }: { id?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  (route as Route)(
    new Request(`http://localhost/api/v1/admin/keys/${id}`, {
      method: route === getOne || route === me ? "GET" : "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.91", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );

const storedKeys = (projectId: string) => db().apiKey.findMany({ where: { projectId }, orderBy: { id: "asc" }, omit: { lastUsedAt: true, lastUsedIp: true } });
const audits = (projectId: string, action: string) => db().auditEntry.findMany({ where: { projectId, action } });

async function aTeam() {
  const team = await aProject();
  const admin = await aKey(team.ctx, team.project.id, "admin", { name: "Ops" });
  const worker = await aKey(team.ctx, team.project.id, "editor", { name: "Worker" });
  return { ...team, admin, worker };
}

describe("disable and enable", () => {
  it("a disabled key is refused with 401 key_disabled on its very next request; enabling lets it in again", async () => {
    const { admin, worker, project } = await aTeam();
    expect((await call(me, worker.secret)).status).toBe(200); // now in the verification cache
    const res = await call(disable, admin.secret, { id: worker.key.id });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"2"');
    expect(await res.json()).toMatchObject({ id: worker.key.id, status: "disabled" });
    const refused = await call(me, worker.secret);
    expect([refused.status, (await refused.json()).error.code]).toEqual([401, "key_disabled"]);
    expect(await audits(project.id, "key.disabled")).toMatchObject([{ actorType: "key", actorId: admin.key.id, targetId: worker.key.id }]);

    // Disabling again changes nothing: same version, no second audit entry.
    const again = await call(disable, admin.secret, { id: worker.key.id });
    expect([again.status, again.headers.get("etag")]).toEqual([200, '"2"']);
    expect(await audits(project.id, "key.disabled")).toHaveLength(1);

    const enabled = await call(enable, admin.secret, { id: worker.key.id });
    expect([enabled.status, enabled.headers.get("etag")]).toEqual([200, '"3"']);
    expect(await enabled.json()).toMatchObject({ status: "active" });
    expect((await call(me, worker.secret)).status).toBe(200);
    expect(await audits(project.id, "key.enabled")).toMatchObject([{ actorType: "key", actorId: admin.key.id }]);
  });

  it("a revoked or expired key cannot be enabled or disabled (409), and a stale If-Match is 412", async () => {
    const { admin, worker, project, ctx } = await aTeam();
    const expired = await aKey(ctx, project.id, "editor", { name: "Old" });
    await db().apiKey.update({ where: { id: expired.key.id }, data: { expiresAt: new Date(Date.now() - 1000), disabledAt: new Date() } });
    expect((await call(revoke, admin.secret, { id: worker.key.id })).status).toBe(200);
    const before = await storedKeys(project.id);
    for (const [route, id] of [
      [enable, worker.key.id],
      [disable, worker.key.id],
      [enable, expired.key.id],
    ] as const) {
      const res = await call(route, admin.secret, { id });
      expect([res.status, (await res.json()).error.code]).toEqual([409, "conflict"]);
    }
    const stale = await call(disable, admin.secret, { id: admin.key.id, headers: { "if-match": '"9"' } });
    expect([stale.status, (await stale.json()).error.code]).toEqual([412, "precondition_failed"]);
    expect(await storedKeys(project.id)).toEqual(before);
    expect(await (await call(getOne, admin.secret, { id: expired.key.id })).json()).toMatchObject({ status: "expired" });
  });

  it("a narrower key cannot disable a wider one, and only admin keys may", async () => {
    const { admin, worker, project, ctx } = await aTeam();
    const news = await aChannel(ctx, project.id, "news");
    const scoped = await aKey(ctx, project.id, "admin", { name: "Scoped", scope: "channels", channels: [news.id] });
    const wider = await call(disable, scoped.secret, { id: admin.key.id });
    expect([wider.status, (await wider.json()).error.code]).toEqual([403, "scope_violation"]);
    const editor = await call(disable, worker.secret, { id: admin.key.id });
    expect([editor.status, (await editor.json()).error.code]).toEqual([403, "insufficient_permissions"]);
    expect(await db().apiKey.count({ where: { projectId: project.id, disabledAt: { not: null } } })).toBe(0);
  });
});

describe("create", () => {
  it("answers 201 with the secret once (no-store), audited with the key as actor, and mails the owners", async () => {
    const { admin, project, ctx } = await aTeam();
    await aChannel(ctx, project.id, "news");
    const mailsBefore = await db().mail.count();
    const res = await call(create, admin.secret, { body: { name: "Made by API", role: "support", scope: "channels", channels: ["news"], rateLimit: 60, expires: "30" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({ name: "Made by API", role: "support", scope: "channels", channels: ["news"], rateLimit: 60, status: "active", kind: "sk" });
    expect(res.headers.get("location")).toBe(`/api/v1/admin/keys/${body.id}`);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(body.secret).toMatch(/^lk_sk_/);
    expect(await (await call(me, body.secret)).json()).toMatchObject({ id: body.id, role: "support" });
    expect(await audits(project.id, "key.created")).toContainEqual(expect.objectContaining({ actorType: "key", actorId: admin.key.id, targetId: body.id }));
    expect(await db().mail.count()).toBeGreaterThan(mailsBefore);
    // Read back later, the key has no secret.
    expect(await (await call(getOne, admin.secret, { id: body.id })).json()).not.toHaveProperty("secret");
  });

  it("never grants more than the caller holds, and refuses bad input; nothing is created", async () => {
    const { admin, project, ctx } = await aTeam();
    const news = await aChannel(ctx, project.id, "news");
    await aChannel(ctx, project.id, "sport");
    const scoped = await aKey(ctx, project.id, "admin", { name: "Scoped", scope: "channels", channels: [news.id], rateLimit: 100 });
    const before = await storedKeys(project.id);
    const cases: [string, unknown, number, string][] = [
      [scoped.secret, { role: "support" }, 403, "scope_violation"],
      [scoped.secret, { role: "support", scope: "channels", channels: ["news", "sport"] }, 403, "scope_violation"],
      [scoped.secret, { role: "support", scope: "channels", channels: ["news"], rateLimit: 101 }, 403, "insufficient_permissions"],
      [admin.secret, { role: "owner" }, 422, "validation_failed"],
      [admin.secret, { role: "support", scope: "channels", channels: ["nope"] }, 422, "validation_failed"],
      [admin.secret, { role: "support", scope: "channels" }, 422, "validation_failed"],
      [admin.secret, { role: "custom" }, 422, "validation_failed"],
      [admin.secret, { role: "admin", permissions: {} }, 422, "validation_failed"],
      [admin.secret, { role: "support", permissions: { users: "none" } }, 422, "validation_failed"],
      [admin.secret, { role: "support", hash: "x" }, 422, "validation_failed"],
      [admin.secret, { role: "support", expires: "custom", expiresOn: "2001-01-01" }, 422, "validation_failed"],
    ];
    for (const [secret, body, status, code] of cases) {
      const res = await call(create, secret, { body });
      const json = await res.json();
      expect([res.status, json.error?.code], JSON.stringify(body)).toEqual([status, code]);
      if (code === "validation_failed") expect(json.error.details.issues.length).toBeGreaterThan(0);
    }
    expect(await storedKeys(project.id)).toEqual(before);
  });

  it("a retry with the same Idempotency-Key gets 409 naming the key, never the secret, and creates nothing more", async () => {
    const { admin, project } = await aTeam();
    const headers = { "idempotency-key": "create-once" };
    const first = await call(create, admin.secret, { body: { role: "support" }, headers });
    const { id, secret } = await first.json();
    expect(first.status).toBe(201);
    const count = await db().apiKey.count({ where: { projectId: project.id } });
    const retry = await call(create, admin.secret, { body: { role: "support" }, headers });
    const text = await retry.text();
    expect(retry.status).toBe(409);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(JSON.parse(text).error).toMatchObject({ code: "idempotency_key_reused", details: { keyId: id } });
    expect(text).not.toContain(secret);
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(count);
    const stored = await db().idempotentRequest.findMany({ where: { keyId: admin.key.id } });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));
  });
});

describe("rotate", () => {
  it("answers 201 with the replacement and its secret once; the old key works through the grace period", async () => {
    const { admin, worker, project } = await aTeam();
    const res = await call(rotate, admin.secret, { id: worker.key.id, body: { grace: "1h" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({ name: "Worker", role: "editor", replaces: worker.key.id, status: "active" });
    expect(new Date(body.oldKeyStopsAt).getTime() - Date.now()).toBeGreaterThan(3_500_000);
    expect(await (await call(me, body.secret)).json()).toMatchObject({ id: body.id });
    expect((await call(me, worker.secret)).status).toBe(200);
    expect(await audits(project.id, "key.rotated")).toMatchObject([{ actorType: "key", actorId: admin.key.id, targetId: worker.key.id }]);

    const twice = await call(rotate, admin.secret, { id: worker.key.id, body: { grace: "now" } });
    expect([twice.status, (await twice.json()).error.code]).toEqual([409, "conflict"]);
  });

  it('with grace "now" the old key is refused at once; bad grace, a wider target, a disabled and a revoked key are refused', async () => {
    const { admin, worker, project, ctx } = await aTeam();
    const news = await aChannel(ctx, project.id, "news");
    const scoped = await aKey(ctx, project.id, "admin", { name: "Scoped", scope: "channels", channels: [news.id] });
    const before = await storedKeys(project.id);
    const bad = await call(rotate, admin.secret, { id: worker.key.id, body: { grace: "2h" } });
    expect([bad.status, (await bad.json()).error.details.issues[0].path]).toEqual([422, "grace"]);
    const wider = await call(rotate, scoped.secret, { id: worker.key.id, body: { grace: "now" } });
    expect([wider.status, (await wider.json()).error.code]).toEqual([403, "scope_violation"]);
    expect(await storedKeys(project.id)).toEqual(before);

    const now = await call(rotate, admin.secret, { id: worker.key.id, body: { grace: "now" } });
    expect(now.status).toBe(201);
    const refused = await call(me, worker.secret);
    expect([refused.status, (await refused.json()).error.code]).toEqual([401, "key_expired"]);

    const { secret } = await now.json();
    expect((await call(me, secret)).status).toBe(200);
    const paused = await aKey(ctx, project.id, "editor", { name: "Paused" });
    await call(disable, admin.secret, { id: paused.key.id });
    const disabled = await call(rotate, admin.secret, { id: paused.key.id, body: { grace: "now" } });
    expect([disabled.status, (await disabled.json()).error.message]).toEqual([409, "This key is disabled; enable it before rotating it."]);
    const victim = await aKey(ctx, project.id, "editor", { name: "Victim" });
    await call(revoke, admin.secret, { id: victim.key.id });
    const revoked = await call(rotate, admin.secret, { id: victim.key.id, body: { grace: "now" } });
    expect([revoked.status, (await revoked.json()).error.code]).toEqual([409, "conflict"]);
  });
});

describe("the new routes' methods", () => {
  it("OPTIONS names the methods served; any other method is 405 with the same Allow", async () => {
    const { admin } = await aTeam();
    for (const [routes, allow] of [
      [keysRoute, "GET, POST, HEAD, OPTIONS"],
      [disableRoute, "POST, OPTIONS"],
      [enableRoute, "POST, OPTIONS"],
      [rotateRoute, "POST, OPTIONS"],
    ] as const) {
      const options = await (routes.OPTIONS as unknown as (req: Request) => Promise<Response>)(new Request("http://localhost/api/v1/admin/keys", { method: "OPTIONS" }));
      expect([options.status, options.headers.get("allow")]).toEqual([204, allow]);
      const res = await (routes.PUT as unknown as Route)(new Request("http://localhost/api/v1/admin/keys", { method: "PUT", headers: { authorization: `Bearer ${admin.secret}` } }), {
        params: Promise.resolve({ id: admin.key.id }),
      });
      expect([res.status, res.headers.get("allow"), (await res.json()).error.code]).toEqual([405, allow, "method_not_allowed"]);
    }
  });
});
