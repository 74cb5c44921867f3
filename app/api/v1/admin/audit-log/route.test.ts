import { describe, expect, it } from "vitest";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import { revokeKey } from "@/lib/keys/service";
import { GET, POST } from "./route";

const call = (secret: string, query = "", handler = GET, method = "GET") =>
  handler(new Request(`http://localhost/api/v1/admin/audit-log${query}`, { method, headers: { "x-api-key": secret } }), { params: Promise.resolve({}) });

type Entry = { id: string; action: string; actor: { type: string; id: string | null; label: string }; target: { id: string | null } | null; createdAt: string; changes: unknown };
const actions = (body: { data: Entry[] }) => body.data.map((e) => e.action);
// Entries written within the same millisecond tie on time, so order-free checks compare sorted lists.
const sorted = (body: { data: Entry[] }) => actions(body).sort();

describe("GET /api/v1/admin/audit-log", () => {
  it("lets an admin key read its project's log, newest first, with parsed changes", async () => {
    const { project, ctx, email } = await aProject();
    await aChannel(ctx, project.id, "news");
    const { key, secret } = await aKey(ctx, project.id, "admin", { name: "Ops" });
    const res = await call(secret);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(sorted(body)).toEqual(["channel.created", "key.created", "project.created"]);
    expect(body.data.map((e: Entry) => e.createdAt)).toEqual(
      body.data
        .map((e: Entry) => e.createdAt)
        .sort()
        .reverse(),
    );
    expect(body.nextCursor).toBeNull();
    const byAction = (name: string) => body.data.find((e: Entry) => e.action === name);
    expect(byAction("key.created")).toMatchObject({ actor: { type: "user", label: email }, target: { type: "api_key", id: key.id, label: "Ops" }, ip: "203.0.113.7" });
    expect(byAction("channel.created").changes).toEqual({ name: "news", slug: "news" });
    expect(JSON.stringify(body)).not.toContain(secret);
  });

  it("refuses an editor key with 403 insufficient_permissions, and records the refusal", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "editor");
    const admin = await aKey(ctx, project.id, "admin");
    const res = await call(secret);
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe("insufficient_permissions");
    expect(body.data).toBeUndefined();
    const log = await (await call(admin.secret, "?action=api.denied")).json();
    expect(log.data).toHaveLength(1);
    expect(log.data[0]).toMatchObject({ actor: { type: "key", label: "editor key" }, target: { label: "GET /api/v1/admin/audit-log" }, changes: { code: "insufficient_permissions" } });
  });

  it("refuses support and client keys too, and a revoked admin key with 401", async () => {
    const { project, ctx } = await aProject();
    for (const role of ["support", "client"] as const) {
      const { secret } = await aKey(ctx, project.id, role);
      expect((await call(secret)).status).toBe(403);
    }
    const { key, secret } = await aKey(ctx, project.id, "admin");
    await revokeKey(project.id, key.id, ctx);
    const res = await call(secret);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("key_revoked");
  });

  it("filters by action (exact or prefix), actor and time", async () => {
    const { project, ctx, userId } = await aProject();
    const { key: other } = await aKey(ctx, project.id, "client", { name: "Other" });
    await revokeKey(project.id, other.id, ctx);
    const { secret } = await aKey(ctx, project.id, "admin");
    const denied = await aKey(ctx, project.id, "support", { name: "Nosy support" });
    await call(denied.secret); // 403, audited as the key
    expect(actions(await (await call(secret, "?action=key.revoked")).json())).toEqual(["key.revoked"]);
    expect(sorted(await (await call(secret, "?action=key.")).json())).toEqual(["key.created", "key.created", "key.created", "key.revoked"]);
    expect(actions(await (await call(secret, "?actor=nosy")).json())).toEqual(["api.denied"]);
    expect(actions(await (await call(secret, `?actor=${userId}&action=project.created`)).json())).toEqual(["project.created"]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await (await call(secret, `?from=${encodeURIComponent(future)}`)).json()).data).toEqual([]);
    expect((await (await call(secret, `?to=${encodeURIComponent(future)}`)).json()).data).toHaveLength(6);
  });

  it("pages with limit and cursor", async () => {
    const { project, ctx } = await aProject();
    for (const name of ["a", "b", "c"]) await aKey(ctx, project.id, "client", { name });
    const { secret } = await aKey(ctx, project.id, "admin");
    const seen: string[] = [];
    let query = "?limit=2";
    for (;;) {
      const body = await (await call(secret, query)).json();
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((e: Entry) => e.id));
      if (!body.nextCursor) break;
      query = `?limit=2&cursor=${body.nextCursor}`;
    }
    expect(seen).toHaveLength(5); // project.created and four key.created
    expect(new Set(seen).size).toBe(5);
  });

  it("answers 422 validation_failed in the envelope for bad parameters", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "admin");
    const res = await call(secret, "?limit=500&from=yesterday&action=DROP%20TABLE&cursor=x");
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
    expect(body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["action", "cursor", "from", "limit"]);
  });

  it("never shows another project's entries", async () => {
    const mine = await aProject("Mine");
    const theirs = await aProject("Theirs");
    await aChannel(theirs.ctx, theirs.project.id, "secret-plans");
    const { secret } = await aKey(mine.ctx, mine.project.id, "admin");
    const body = await (await call(secret, "?limit=100")).json();
    expect(sorted(body)).toEqual(["key.created", "project.created"]);
    expect(JSON.stringify(body)).not.toContain("secret-plans");
  });

  it("answers other methods with 405 in the envelope", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "admin");
    const res = await call(secret, "", POST, "POST");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect((await res.json()).error.code).toBe("method_not_allowed");
  });
});
