import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { revokeKey } from "@/lib/keys/service";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { tcpProxy } from "@/lib/testing/tcp-proxy";
import { callApi, startServer, stopServers, within } from "@/lib/testing/production-server";

// PostgreSQL restarted mid-run (issue 6): a production server reaches the database through a TCP
// proxy that the test cuts (every connection closed, new ones refused) and restores, as a database
// restart does. While the database is away, a request gets a clear 503 and never a pass; once it is
// back, a valid key gets no 5xx, a key revoked while the server could not hear of it is refused, the
// change listener is back (a revocation bites within one second again), and the usage counts that
// were flushed before are all still there, with the new ones added.

let proxy: Awaited<ReturnType<typeof tcpProxy>>;
let base = "";
let log = "";

beforeAll(async () => {
  const direct = new URL(process.env.DATABASE_URL!);
  proxy = await tcpProxy(direct.hostname, Number(direct.port || 5432));
  const throughProxy = new URL(direct);
  throughProxy.hostname = "127.0.0.1";
  throughProxy.port = String(proxy.port);
  const server = await startServer({ DATABASE_URL: throughProxy.toString() }, { stderr: "pipe" });
  server.child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  base = server.base;
}, 90_000);

afterAll(async () => {
  stopServers();
  await proxy?.close();
});

const successes = async (keyId: string) => (await db().keyUsage.aggregate({ where: { keyId }, _sum: { success: true } }))._sum.success ?? 0;

describe("PostgreSQL restarted mid-run", () => {
  it("answers 503 while the database is away, and once it is back serves valid keys, refuses revoked ones and keeps every count", async () => {
    const { project, ctx } = await aProject();
    const worker = await aKey(ctx, project.id, "editor", { name: "Worker" });
    const other = await aKey(ctx, project.id, "editor", { name: "Other" });

    let served = 0;
    for (let i = 0; i < 20; i++) {
      expect((await callApi(base, "/me", worker.secret)).status).toBe(200);
      served++;
    }
    expect((await callApi(base, "/me", other.secret)).status).toBe(200);
    await within(15_000, async () => (await successes(worker.key.id)) === served); // flushed (every 5 s)

    await proxy.cut();
    await within(5_000, async () => log.includes("key cache: change notifications interrupted"));
    for (let i = 0; i < 5; i++) {
      const during = await callApi(base, "/me", worker.secret);
      expect(during.status).toBe(503);
      const body = await during.json();
      expect(body.error.code).toBe("unavailable");
      expect(during.headers.get("retry-after")).toBe("5");
    }
    // Revoked while the server cannot hear of it: its notification reaches nobody.
    await revokeKey(project.id, other.key.id, ctx);
    await proxy.restore();

    await within(20_000, async () => {
      const status = (await callApi(base, "/me", worker.secret)).status;
      if (status === 200) served++;
      return status === 200;
    });
    for (let i = 0; i < 30; i++) {
      expect((await callApi(base, "/me", worker.secret)).status).toBe(200);
      served++;
    }
    const refused = await callApi(base, "/me", other.secret);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("key_revoked");

    // The listener is back: a revocation now bites within one second.
    await within(10_000, async () => log.includes("key cache: change notifications are back"));
    await revokeKey(project.id, worker.key.id, ctx);
    // Until the notification arrives the key still works, and those successes are counted too.
    const took = await within(1_000, async () => {
      const status = (await callApi(base, "/me", worker.secret)).status;
      if (status === 200) served++;
      return status === 401;
    });
    console.log(`database restart: a revocation after the restart refused after ${took.toFixed(0)} ms`);

    // Nothing lost: the 20 counted before the outage and every success after it.
    await within(15_000, async () => (await successes(worker.key.id)) === served);
    expect(log.match(/change notifications interrupted/g)).toHaveLength(1);
  }, 90_000);
});
