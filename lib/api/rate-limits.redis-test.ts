import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { aKey, aProject } from "@/lib/testing/fixtures";
import * as me from "@/app/api/v1/me/route";
import { createRateLimits, setRateLimits, type RateLimits } from "./rate-limits";
import { tcpProxy } from "@/lib/testing/tcp-proxy";

// Rate limits shared through a real Redis (SPEC §11), and what happens when it is not there or
// goes away mid-run: requests are still served, limited in memory, and the log says so once.

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const NOTHING_LISTENS = "redis://127.0.0.1:6390";
const UNAVAILABLE = "rate limits: Redis unavailable, falling back to memory";
const BACK = "rate limits: Redis is back, sharing limits again";
// Unique per run, so parallel runs (and other suites) never share a counter.
const keyPrefix = `latchkey-test:${randomBytes(6).toString("hex")}`;

/** The r= of a RateLimit field (draft-ietf-httpapi-ratelimit-headers-11): the requests left. */
const remainingOf = (headers: Headers | Record<string, string>) => /;r=(\d+);/.exec((headers instanceof Headers ? headers.get("ratelimit") : headers.RateLimit) ?? "")?.[1];

const opened: RateLimits[] = [];
const limitsAt = (redisUrl: string) => {
  const limits = createRateLimits({ redisUrl, keyPrefix });
  opened.push(limits);
  return limits;
};
const getMe = (secret: string) => me.GET(new Request("http://localhost/api/v1/me", { headers: { "x-api-key": secret, "x-forwarded-for": "198.51.100.90" } }), { params: Promise.resolve({}) });
const statuses = async (secret: string, times: number) => {
  const seen: number[] = [];
  for (let i = 0; i < times; i++) seen.push((await getMe(secret)).status);
  return seen;
};

/** A TCP proxy in front of Redis that the test can cut and restore, as if Redis went away. */
async function redisProxy() {
  const target = new URL(REDIS_URL);
  const proxy = await tcpProxy(target.hostname, Number(target.port || 6379));
  return { ...proxy, url: `redis://127.0.0.1:${proxy.port}` };
}

let admin: Redis;
beforeAll(async () => {
  admin = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0 });
  await admin.connect().catch((error: Error) => {
    throw new Error(`These tests need a Redis at ${REDIS_URL} (set REDIS_TEST_URL to use another): ${error.message}`);
  });
});

afterEach(() => {
  setRateLimits(undefined);
  for (const limits of opened.splice(0)) limits.close();
  vi.restoreAllMocks();
});

afterAll(async () => {
  const keys = await admin.keys(`${keyPrefix}:*`);
  if (keys.length) await admin.del(...keys);
  admin.disconnect();
});

describe("rate limits shared through Redis", () => {
  it("gives two instances one budget per key", async () => {
    const [first, second] = [limitsAt(REDIS_URL), limitsAt(REDIS_URL)];
    await vi.waitFor(() => expect(first.shared() && second.shared()).toBe(true));
    const seen = [];
    for (const server of [first, second, first, second, first, second]) {
      const { allowed, headers } = await server.takeKeyRequest("key-shared", 4);
      seen.push([allowed, remainingOf(headers)]);
    }
    expect(seen).toEqual([
      [true, "3"],
      [true, "2"],
      [true, "1"],
      [true, "0"],
      [false, "0"],
      [false, "0"],
    ]);
    expect(await admin.get(`${keyPrefix}:key:key-shared`)).toBe("6");
  });

  it("counts the very first request of a new instance in Redis, not only in its memory", async () => {
    const fresh = limitsAt(REDIS_URL);
    expect(remainingOf((await fresh.takeKeyRequest("key-first", 5)).headers)).toBe("4");
    expect(await admin.get(`${keyPrefix}:key:key-first`)).toBe("1");
  });

  it("shares the failed key checks of an address between instances", async () => {
    const [first, second] = [limitsAt(REDIS_URL), limitsAt(REDIS_URL)];
    await vi.waitFor(() => expect(first.shared() && second.shared()).toBe(true));
    for (let i = 0; i < 59; i++) await first.recordFailedCheck("203.0.113.50");
    expect(await second.failedChecksRetryAfter("203.0.113.50")).toBe(0);
    await first.recordFailedCheck("203.0.113.50");
    expect(await second.failedChecksRetryAfter("203.0.113.50")).toBeGreaterThan(0);
  });

  it("serves and limits requests in memory when Redis cannot be reached, and logs that once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "support", { rateLimit: 3 });
    const limits = limitsAt(NOTHING_LISTENS);
    setRateLimits(limits);
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());

    expect(await statuses(secret, 5)).toEqual([200, 200, 200, 429, 429]);
    // ioredis keeps retrying in the background: each failed attempt is not a new log line.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await statuses(secret, 2)).toEqual([429, 429]);
    expect(limits.shared()).toBe(false);
    expect(warn.mock.calls).toEqual([[UNAVAILABLE]]);
  });

  it("keeps serving when Redis goes away mid-run, limits in memory meanwhile, and shares again once it is back", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "support", { rateLimit: 4 });
    const proxy = await redisProxy();
    const viaProxy = limitsAt(proxy.url);
    const otherServer = limitsAt(REDIS_URL);
    await vi.waitFor(() => expect(viaProxy.shared() && otherServer.shared()).toBe(true));
    setRateLimits(viaProxy);

    expect(remainingOf((await getMe(secret)).headers)).toBe("3");
    expect(remainingOf((await otherServer.takeKeyRequest(key.id, 4)).headers)).toBe("2");

    await proxy.cut();
    // At once, before the client has even noticed: no request fails, and memory takes over.
    expect(await statuses(secret, 6)).toEqual([200, 200, 200, 200, 429, 429]);
    await vi.waitFor(() => expect(warn.mock.calls).toEqual([[UNAVAILABLE]]));

    await proxy.restore();
    await vi.waitFor(() => expect(viaProxy.shared()).toBe(true), { timeout: 10_000 });
    expect(warn.mock.calls).toEqual([[UNAVAILABLE], [BACK]]);
    // Back on the shared counter, which the two requests before the outage had used.
    expect(remainingOf((await getMe(secret)).headers)).toBe("1");
  });
});
