import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import { GET as list } from "@/app/api/v1/admin/keys/route";
import { GET as getOne, PATCH as patch, DELETE as remove } from "@/app/api/v1/admin/keys/[id]/route";
import { POST as revoke } from "@/app/api/v1/admin/keys/[id]/revoke/route";
import { GET as me } from "@/app/api/v1/me/route";

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
    const before = await db().apiKey.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } });
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
    expect(await db().apiKey.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("revokes and deletes, with the same rules as the dashboard; only admin keys may", async () => {
    const { admin, worker, project } = await aTeam();
    const refused = await call(revoke, worker.secret, { id: admin.key.id, method: "POST" });
    expect([refused.status, (await refused.json()).error.code]).toEqual([403, "insufficient_permissions"]);

    const res = await call(revoke, admin.secret, { id: worker.key.id, method: "POST" });
    expect(await res.json()).toMatchObject({ id: worker.key.id, status: "revoked" });
    const after = await call(me, worker.secret);
    expect([after.status, (await after.json()).error.code]).toEqual([401, "key_revoked"]);

    expect((await call(remove, admin.secret, { id: worker.key.id, method: "DELETE" })).status).toBe(200);
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(1);
    const last = await call(remove, admin.secret, { id: admin.key.id, method: "DELETE" });
    expect([last.status, (await last.json()).error.code]).toEqual([409, "conflict"]);

    const other = await aProject();
    const foreign = await aKey(other.ctx, other.project.id, "editor");
    const notHere = await call(revoke, admin.secret, { id: foreign.key.id, method: "POST" });
    expect(notHere.status).toBe(404);
    expect((await call(me, foreign.secret)).status).toBe(200);
  });
});
