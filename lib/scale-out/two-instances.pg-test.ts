import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { callApi, startServer, stopServers, within } from "@/lib/testing/production-server";

// SPEC §11: two production servers share one PostgreSQL database. A change made through one must
// reach the other's verification cache within one second (LISTEN/NOTIFY). Needs a build (.next);
// `npm run test:services` makes one first. Runs on PostgreSQL only (the *.pg-test.ts files).

/** Proves `base` answers this key from its cache: a change made behind its back (no notification) is not seen. */
async function servedFromCache(base: string, keyId: string, secret: string) {
  await within(5_000, async () => {
    await db().apiKey.update({ where: { id: keyId }, data: { name: `unseen ${Date.now()}` } });
    const before = (await (await callApi(base, "/me", secret)).json()).name;
    await db().apiKey.update({ where: { id: keyId }, data: { name: `unseen again ${Date.now()}` } });
    return (await (await callApi(base, "/me", secret)).json()).name === before;
  });
}

let a = "";
let b = "";
beforeAll(async () => {
  [a, b] = (await Promise.all([startServer(), startServer()])).map((server) => server.base);
}, 90_000);

afterAll(stopServers);

describe("two instances on one PostgreSQL", () => {
  it("a revocation through one instance is refused by the other within one second", async () => {
    const { project, ctx } = await aProject();
    const admin = await aKey(ctx, project.id, "admin", { name: "Ops" });
    const worker = await aKey(ctx, project.id, "editor", { name: "Worker" });
    expect((await callApi(b, "/me", worker.secret)).status).toBe(200);
    await servedFromCache(b, worker.key.id, worker.secret);

    const revoked = await callApi(a, `/admin/keys/${worker.key.id}/revoke`, admin.secret, { method: "POST" });
    expect(revoked.status).toBe(200);
    const took = await within(1_000, async () => (await callApi(b, "/me", worker.secret)).status === 401);
    const refusal = await (await callApi(b, "/me", worker.secret)).json();
    expect(refusal.error.code).toBe("key_revoked");
    console.log(`scale-out: revocation through one instance refused by the other after ${took.toFixed(0)} ms`);
  });

  it("a key reported leaked to one instance is refused by the other within one second", async () => {
    const { project, ctx } = await aProject();
    const worker = await aKey(ctx, project.id, "editor", { name: "Pushed to GitHub" });
    expect((await callApi(b, "/me", worker.secret)).status).toBe(200);
    await servedFromCache(b, worker.key.id, worker.secret);

    // No key: anyone may report a credential they found.
    const report = await fetch(`${a}/api/v1/credentials/revoke`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ credentials: [worker.secret] }) });
    expect(report.status).toBe(202);
    const took = await within(1_000, async () => (await callApi(b, "/me", worker.secret)).status === 401);
    expect((await (await callApi(b, "/me", worker.secret)).json()).error.code).toBe("key_revoked");
    console.log(`scale-out: leaked key reported to one instance refused by the other after ${took.toFixed(0)} ms`);
  });

  it("a role edit through one instance applies on the other within one second", async () => {
    const { project, ctx } = await aProject();
    const admin = await aKey(ctx, project.id, "admin", { name: "Ops" });
    const worker = await aKey(ctx, project.id, "admin", { name: "Worker" });
    expect((await callApi(b, "/admin/audit-log", worker.secret)).status).toBe(200);
    await servedFromCache(b, worker.key.id, worker.secret);

    const edited = await callApi(a, `/admin/keys/${worker.key.id}`, admin.secret, { method: "PATCH", body: JSON.stringify({ role: "support" }) });
    expect(edited.status).toBe(200);
    const took = await within(1_000, async () => (await callApi(b, "/admin/audit-log", worker.secret)).status === 403);
    expect((await (await callApi(b, "/me", worker.secret)).json()).role).toBe("support");
    console.log(`scale-out: role edit through one instance applied on the other after ${took.toFixed(0)} ms`);
  });
});
