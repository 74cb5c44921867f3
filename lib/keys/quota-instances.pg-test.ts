import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aProject } from "@/lib/testing/fixtures";
import { callApi, startServer, stopServers } from "@/lib/testing/production-server";
import { createKey } from "./service";

// SPEC §16: a quota is spent atomically across instances. Two production servers on one PostgreSQL
// database, sharing the quota through Redis and, in a second pair, through the database alone;
// 200 concurrent requests split across them, with a quota of 100, give exactly 100 successes.
// Needs a build (.next); `npm run test:services` makes one first.

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";

let withRedis: string[] = [];
let withoutRedis: string[] = [];
beforeAll(async () => {
  const servers = await Promise.all([startServer({ REDIS_URL }), startServer({ REDIS_URL }), startServer({ REDIS_URL: "" }), startServer({ REDIS_URL: "" })]);
  withRedis = servers.slice(0, 2).map((s) => s.base);
  withoutRedis = servers.slice(2).map((s) => s.base);
}, 120_000);

afterAll(stopServers);

async function quotaKey(name: string) {
  const { project, ctx } = await aProject();
  const { secret } = await createKey(
    project.id,
    { name, description: "", role: "support", scope: "all", channels: [], expires: "never", expiresOn: "", rateLimit: null, quota: 100, quotaPeriod: "day" },
    ctx,
  );
  return secret;
}

async function race(bases: string[], secret: string) {
  const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => callApi(bases[i % 2], "/me", secret).then((r) => r.status)));
  return { ok: statuses.filter((s) => s === 200).length, exhausted: statuses.filter((s) => s === 429).length, other: statuses.filter((s) => s !== 200 && s !== 429) };
}

describe("a quota of 100 across two instances", () => {
  it("gives exactly 100 successes to 200 concurrent requests, shared through Redis", async () => {
    const result = await race(withRedis, await quotaKey("Through Redis"));
    expect(result).toEqual({ ok: 100, exhausted: 100, other: [] });
  });

  it("gives exactly 100 successes to 200 concurrent requests, shared through the database", async () => {
    const result = await race(withoutRedis, await quotaKey("Through the database"));
    expect(result).toEqual({ ok: 100, exhausted: 100, other: [] });
  });
});
