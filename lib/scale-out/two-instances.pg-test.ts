import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";

// SPEC §11: two production servers share one PostgreSQL database. A change made through one must
// reach the other's verification cache within one second (LISTEN/NOTIFY). Needs a build (.next);
// `npm run test:pg` makes one first. Runs on PostgreSQL only (the *.pg-test.ts files).

const ROOT = path.resolve(__dirname, "../..");
const servers: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

async function startServer(): Promise<string> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/server.mjs")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), LATCHKEY_HOST: "127.0.0.1", NEXTAUTH_URL: base },
    stdio: ["ignore", "ignore", "inherit"],
  });
  servers.push(child);
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server on ${port} exited with ${child.exitCode}`);
    const up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (up) return base;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server on ${port} did not start`);
}

const call = (base: string, route: string, secret: string, init: RequestInit = {}) =>
  fetch(`${base}/api/v1${route}`, { ...init, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...init.headers } });

/** Polls until `done` holds, returning how long it took; fails after `limitMs`. */
async function within(limitMs: number, done: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (await done()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not within ${limitMs} ms`);
}

/** Proves `base` answers this key from its cache: a change made behind its back (no notification) is not seen. */
async function servedFromCache(base: string, keyId: string, secret: string) {
  await within(5_000, async () => {
    await db().apiKey.update({ where: { id: keyId }, data: { name: `unseen ${Date.now()}` } });
    const before = (await (await call(base, "/me", secret)).json()).name;
    await db().apiKey.update({ where: { id: keyId }, data: { name: `unseen again ${Date.now()}` } });
    return (await (await call(base, "/me", secret)).json()).name === before;
  });
}

let a = "";
let b = "";
beforeAll(async () => {
  [a, b] = await Promise.all([startServer(), startServer()]);
}, 90_000);

afterAll(() => {
  for (const server of servers) server.kill("SIGTERM");
});

describe("two instances on one PostgreSQL", () => {
  it("a revocation through one instance is refused by the other within one second", async () => {
    const { project, ctx } = await aProject();
    const admin = await aKey(ctx, project.id, "admin", { name: "Ops" });
    const worker = await aKey(ctx, project.id, "editor", { name: "Worker" });
    expect((await call(b, "/me", worker.secret)).status).toBe(200);
    await servedFromCache(b, worker.key.id, worker.secret);

    const revoked = await call(a, `/admin/keys/${worker.key.id}/revoke`, admin.secret, { method: "POST" });
    expect(revoked.status).toBe(200);
    const took = await within(1_000, async () => (await call(b, "/me", worker.secret)).status === 401);
    const refusal = await (await call(b, "/me", worker.secret)).json();
    expect(refusal.error.code).toBe("key_revoked");
    console.log(`scale-out: revocation through one instance refused by the other after ${took.toFixed(0)} ms`);
  });

  it("a role edit through one instance applies on the other within one second", async () => {
    const { project, ctx } = await aProject();
    const admin = await aKey(ctx, project.id, "admin", { name: "Ops" });
    const worker = await aKey(ctx, project.id, "admin", { name: "Worker" });
    expect((await call(b, "/admin/audit-log", worker.secret)).status).toBe(200);
    await servedFromCache(b, worker.key.id, worker.secret);

    const edited = await call(a, `/admin/keys/${worker.key.id}`, admin.secret, { method: "PATCH", body: JSON.stringify({ role: "support" }) });
    expect(edited.status).toBe(200);
    const took = await within(1_000, async () => (await call(b, "/admin/audit-log", worker.secret)).status === 403);
    expect((await (await call(b, "/me", worker.secret)).json()).role).toBe("support");
    console.log(`scale-out: role edit through one instance applied on the other after ${took.toFixed(0)} ms`);
  });
});
