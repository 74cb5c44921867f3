import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import { GET as list } from "@/app/api/v1/admin/keys/route";
import { GET as getOne, PATCH as patch, DELETE as remove } from "@/app/api/v1/admin/keys/[id]/route";
import { POST as revoke } from "@/app/api/v1/admin/keys/[id]/revoke/route";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as sendMessage } from "@/app/api/v1/messages/route";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (route: unknown, secret: string, { id = "", method = "GET", body }: { id?: string; method?: string; body?: unknown } = {}) =>
  (route as Route)(
    new Request(`http://localhost/api/v1/admin/keys/${id}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.90" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );

/** The project's key rows, except when each was last used (written in batches, at any moment). */
const storedKeys = (projectId: string) => db().apiKey.findMany({ where: { projectId }, orderBy: { id: "asc" }, omit: { lastUsedAt: true, lastUsedIp: true } });

async function aTeam() {
  const team = await aProject();
  const admin = await aKey(team.ctx, team.project.id, "admin", { name: "Ops" });
  const worker = await aKey(team.ctx, team.project.id, "editor", { name: "Worker" });
  return { ...team, admin, worker };
}

describe("the admin API for keys", () => {
  it("lists and reads keys without any secret, hash or ciphertext", async () => {
    const { admin, worker, project, ctx } = await aTeam();
    const browser = await aKey(ctx, project.id, "client", { name: "Browser" });
    const res = await call(list, admin.secret);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.data.map((k: { name: string }) => k.name).sort()).toEqual(["Browser", "Ops", "Worker"]);
    const stored = await db().apiKey.findMany({ where: { projectId: project.id } });
    for (const secret of [admin.secret, worker.secret, browser.secret]) expect(text).not.toContain(secret.slice(6, 38));
    for (const row of stored) {
      expect(text).not.toContain(row.hash);
      if (row.encryptedKey) expect(text).not.toContain(row.encryptedKey);
    }
    const one = await call(getOne, admin.secret, { id: worker.key.id });
    expect(await one.json()).toMatchObject({ id: worker.key.id, name: "Worker", role: "editor", scope: "all", status: "active" });
  });

  it("edits a key, and the key's very next request has its new role and scope", async () => {
    const { admin, worker, project, ctx } = await aTeam();
    await aChannel(ctx, project.id, "news");
    expect((await call(me, worker.secret)).status).toBe(200);
    const res = await call(patch, admin.secret, { id: worker.key.id, method: "PATCH", body: { role: "support", scope: "channels", channels: ["news"], rateLimit: 600 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: "support", scope: "channels", channels: ["news"], name: "Worker", rateLimit: 600 });
    expect(await (await call(me, worker.secret)).json()).toMatchObject({ role: "support", scope: "channels", channels: ["news"] });
    const audit = await db().auditEntry.findFirst({ where: { projectId: project.id, action: "key.updated", targetId: worker.key.id } });
    expect(audit).toMatchObject({ actorType: "key", actorId: admin.key.id });
  });

  it("refuses bad edits with a clear error and changes nothing", async () => {
    const { admin, worker, project, ctx } = await aTeam();
    const browser = await aKey(ctx, project.id, "client", { name: "Browser" });
    const before = await storedKeys(project.id);
    const cases: [string, unknown, number, string][] = [
      [worker.key.id, { scope: "channels", channels: ["nope"] }, 422, "validation_failed"],
      [worker.key.id, { role: "owner" }, 422, "validation_failed"],
      [worker.key.id, { hash: "x" }, 422, "validation_failed"],
      [worker.key.id, { rateLimit: 0 }, 422, "validation_failed"],
      [browser.key.id, { role: "admin" }, 422, "validation_failed"],
      ["someone-elses-key", { role: "support" }, 404, "not_found"],
    ];
    for (const [id, body, status, code] of cases) {
      const res = await call(patch, admin.secret, { id, method: "PATCH", body });
      expect([res.status, (await res.json()).error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await storedKeys(project.id)).toEqual(before);
  });

  it("revokes and deletes, with the same rules as the dashboard; only admin keys may", async () => {
    const { admin, worker, project } = await aTeam();
    const refused = await call(revoke, worker.secret, { id: admin.key.id, method: "POST" });
    expect([refused.status, (await refused.json()).error.code]).toEqual([403, "insufficient_permissions"]);

    const res = await call(revoke, admin.secret, { id: worker.key.id, method: "POST" });
    expect(await res.json()).toMatchObject({ id: worker.key.id, status: "revoked" });
    const after = await call(me, worker.secret);
    expect([after.status, (await after.json()).error.code]).toEqual([401, "key_revoked"]);

    expect((await call(remove, admin.secret, { id: worker.key.id, method: "DELETE" })).status).toBe(204);
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(1);
    const last = await call(remove, admin.secret, { id: admin.key.id, method: "DELETE" });
    expect([last.status, (await last.json()).error.code]).toEqual([409, "conflict"]);

    const other = await aProject();
    const foreign = await aKey(other.ctx, other.project.id, "editor");
    const notHere = await call(revoke, admin.secret, { id: foreign.key.id, method: "POST" });
    expect(notHere.status).toBe(404);
    expect((await call(me, foreign.secret)).status).toBe(200);
  });

  it("a channel-scoped admin key cannot widen itself: its refused message stays refused", async () => {
    const { ctx, project } = await aProject();
    const one = await aChannel(ctx, project.id, "alpha-one");
    await aChannel(ctx, project.id, "alpha-two");
    const scoped = await aKey(ctx, project.id, "admin", { name: "Scoped", scope: "channels", channels: [one.id], rateLimit: 100 });
    const message = () =>
      sendMessage(
        new Request("http://localhost/api/v1/messages", {
          method: "POST",
          headers: { authorization: `Bearer ${scoped.secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.90" },
          body: JSON.stringify({ title: "Hi", body: "Hello", target: { channels: ["alpha-two"] } }),
        }),
        { params: Promise.resolve({}) },
      );
    const refused = await message();
    expect([refused.status, (await refused.json()).error.code]).toEqual([403, "scope_violation"]);
    const before = await db().apiKey.findUniqueOrThrow({ where: { id: scoped.key.id }, omit: { lastUsedAt: true, lastUsedIp: true } });

    const widened = await call(patch, scoped.secret, { id: scoped.key.id, method: "PATCH", body: { scope: "all", rateLimit: null } });
    const body = await widened.json();
    expect([widened.status, body.error?.code]).toEqual([403, "insufficient_permissions"]);
    expect(body.error.message).toBe("A key cannot edit itself; use another admin key or the dashboard.");
    expect(await db().apiKey.findUniqueOrThrow({ where: { id: scoped.key.id }, omit: { lastUsedAt: true, lastUsedIp: true } })).toEqual(before);

    const again = await message();
    expect([again.status, (await again.json()).error.code]).toEqual([403, "scope_violation"]);
  });

  it("a key never grants more than it holds: channels, scope, rate limit, and keys that already exceed it", async () => {
    const { ctx, project } = await aProject();
    const one = await aChannel(ctx, project.id, "alpha-one");
    const two = await aChannel(ctx, project.id, "alpha-two");
    const scoped = await aKey(ctx, project.id, "admin", { name: "Scoped", scope: "channels", channels: [one.id], rateLimit: 100 });
    const worker = await aKey(ctx, project.id, "editor", { name: "Worker", scope: "channels", channels: [one.id], rateLimit: 50 });
    const wide = await aKey(ctx, project.id, "editor", { name: "Wide", scope: "channels", channels: [one.id, two.id], rateLimit: 50 });
    const unlimited = await aKey(ctx, project.id, "editor", { name: "Unlimited", scope: "channels", channels: [one.id] });
    const before = await storedKeys(project.id);
    const cases: [string, unknown, string, RegExp][] = [
      [worker.key.id, { scope: "all" }, "scope_violation", /scoped to alpha-one.*cannot grant all recipients/],
      [worker.key.id, { channels: ["alpha-one", "alpha-two"] }, "scope_violation", /cannot grant alpha-two/],
      [worker.key.id, { rateLimit: null }, "insufficient_permissions", /at most 100 requests per minute/],
      [worker.key.id, { rateLimit: 101 }, "insufficient_permissions", /at most 100 requests per minute/],
      [wide.key.id, { name: "Renamed" }, "scope_violation", /"Wide" holds more than this key: it reaches alpha-two, outside this key's channels \(alpha-one\)/],
      [unlimited.key.id, { name: "Renamed" }, "insufficient_permissions", /"Unlimited" holds more than this key: its rate limit \(unlimited\) is above this key's 100/],
      [admin(await aKey(ctx, project.id, "admin", { name: "Everything" })), { description: "x" }, "scope_violation", /"Everything" holds more than this key: it reaches all recipients/],
    ];
    for (const [id, body, code, message] of cases) {
      const res = await call(patch, scoped.secret, { id, method: "PATCH", body });
      const json = await res.json();
      expect([res.status, json.error?.code], JSON.stringify(body)).toEqual([403, code]);
      expect(json.error.message).toMatch(message);
    }
    expect((await storedKeys(project.id)).filter((k) => before.some((b) => b.id === k.id))).toEqual(before);

    const within = await call(patch, scoped.secret, { id: worker.key.id, method: "PATCH", body: { rateLimit: 100, name: "Worker 2" } });
    expect(within.status).toBe(200);
    expect(await within.json()).toMatchObject({ rateLimit: 100, name: "Worker 2", scope: "channels", channels: ["alpha-one"] });

    // An all-scope caller with a limit may not lift another key's limit either.
    const limited = await aKey(ctx, project.id, "admin", { name: "Limited", rateLimit: 10 });
    const lifted = await call(patch, limited.secret, { id: worker.key.id, method: "PATCH", body: { rateLimit: 11 } });
    expect([lifted.status, (await lifted.json()).error.code]).toEqual([403, "insufficient_permissions"]);
  });

  it("a narrower admin key can neither cut down, revoke nor delete a wider one; it may still revoke and delete itself", async () => {
    const { ctx, project } = await aProject();
    const news = await aChannel(ctx, project.id, "news");
    const scoped = await aKey(ctx, project.id, "admin", { name: "Scoped", scope: "channels", channels: [news.id], rateLimit: 5 });
    const full = await aKey(ctx, project.id, "admin", { name: "Full" });
    const other = await aKey(ctx, project.id, "admin", { name: "Other full" });
    const limitless = await aKey(ctx, project.id, "editor", { name: "Limitless", scope: "channels", channels: [news.id] });
    const before = await storedKeys(project.id);

    const attempts: [unknown, string, string, unknown, string, RegExp][] = [
      [patch, full.key.id, "PATCH", { scope: "channels", channels: ["news"], rateLimit: 1 }, "scope_violation", /"Full" holds more than this key: it reaches all recipients/],
      [revoke, other.key.id, "POST", undefined, "scope_violation", /"Other full" holds more than this key/],
      [remove, other.key.id, "DELETE", undefined, "scope_violation", /"Other full" holds more than this key/],
      [revoke, limitless.key.id, "POST", undefined, "insufficient_permissions", /"Limitless" holds more than this key: its rate limit \(unlimited\) is above this key's 5/],
    ];
    for (const [route, id, method, body, code, message] of attempts) {
      const res = await call(route, scoped.secret, { id, method, body });
      const json = await res.json();
      expect([res.status, json.error?.code], `${method} ${id}`).toEqual([403, code]);
      expect(json.error.message).toMatch(message);
    }
    expect(await storedKeys(project.id)).toEqual(before);
    expect((await call(me, full.secret)).status).toBe(200);
    expect((await call(me, other.secret)).status).toBe(200);

    // Within itself: a key may still revoke and delete itself.
    const selfRevoked = await call(revoke, scoped.secret, { id: scoped.key.id, method: "POST" });
    expect([selfRevoked.status, (await selfRevoked.json()).status]).toEqual([200, "revoked"]);
    const deletable = await aKey(ctx, project.id, "admin", { name: "Deletes itself", scope: "channels", channels: [news.id], rateLimit: 5 });
    expect((await call(remove, deletable.secret, { id: deletable.key.id, method: "DELETE" })).status).toBe(204);
    expect(await db().apiKey.count({ where: { id: deletable.key.id } })).toBe(0);
  });

  it("a key may revoke itself (a leaked key can be killed with itself)", async () => {
    const { admin } = await aTeam();
    const res = await call(revoke, admin.secret, { id: admin.key.id, method: "POST" });
    expect(await res.json()).toMatchObject({ id: admin.key.id, status: "revoked" });
    expect((await call(me, admin.secret)).status).toBe(401);
  });

  it("validates every field like the rest of the API, with details.issues", async () => {
    const { admin, worker, project } = await aTeam();
    const before = await storedKeys(project.id);
    const cases: [unknown, string][] = [
      [{ scope: "channels", channels: ["nope"] }, "channels"],
      [{ name: "" }, "name"],
      [{ name: "   " }, "name"],
      [{ name: "a\u0000b" }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{ description: "a\u0007" }, "description"],
      [{ role: "owner" }, "role"],
      [{ scope: "some" }, "scope"],
      [{ channels: ["Not A Slug"] }, "channels.0"],
      [{ permissions: { keys: "read" } }, "permissions.keys"],
      [{ rateLimit: "lots" }, "rateLimit"],
    ];
    for (const [body, path] of cases) {
      const res = await call(patch, admin.secret, { id: worker.key.id, method: "PATCH", body });
      const json = await res.json();
      expect([res.status, json.error?.code], JSON.stringify(body)).toEqual([422, "validation_failed"]);
      expect(
        json.error.details.issues.map((i: { path: string }) => i.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(await storedKeys(project.id)).toEqual(before);
  });
});

const admin = (created: { key: { id: string } }) => created.key.id;
