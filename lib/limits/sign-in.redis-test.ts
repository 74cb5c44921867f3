import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { recordSuccessfulSignIn, takeSignInAttempt } from "@/lib/auth/sign-in-limits";
import { createLimiterFactory, setLimiters, type LimiterFactory } from "./factory";

// The sign-in limits shared through a real Redis: a delay started on one instance holds on the
// other, and no e-mail address is stored in Redis.

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const keyPrefix = `latchkey-test:${randomBytes(6).toString("hex")}`;
const opened: LimiterFactory[] = [];
const instance = () => {
  const factory = createLimiterFactory({ redisUrl: REDIS_URL, keyPrefix });
  opened.push(factory);
  return factory;
};
/** Runs `fn` as if on the server whose limiters are `factory`. */
const on = async <T>(factory: LimiterFactory, fn: () => Promise<T>) => {
  setLimiters(factory);
  try {
    return await fn();
  } finally {
    setLimiters(undefined);
  }
};

let admin: Redis;
beforeAll(async () => {
  admin = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0 });
  await admin.connect();
});
afterEach(() => {
  for (const factory of opened.splice(0)) factory.close();
});
afterAll(async () => {
  const keys = await admin.keys(`${keyPrefix}:*`);
  if (keys.length) await admin.del(...keys);
  admin.disconnect();
});

describe("sign-in limits shared through Redis", () => {
  it("a delay started through one instance holds on the other, for that address only", async () => {
    const [first, second] = [instance(), instance()];
    await Promise.all([first.ready, second.ready]);
    await vi.waitFor(() => expect(first.shared() && second.shared()).toBe(true));
    const email = "owner-shared@example.com";
    for (let i = 0; i < 5; i++) expect(await on(i % 2 ? first : second, () => takeSignInAttempt("192.0.2.80", email))).toBe(0);
    const wait = await on(second, () => takeSignInAttempt("192.0.2.80", email));
    expect(wait).toBeGreaterThan(25);
    expect(wait).toBeLessThanOrEqual(30);
    expect(await on(first, () => takeSignInAttempt("192.0.2.81", email))).toBe(0);

    const keys = await admin.keys(`${keyPrefix}:*`);
    expect(keys.some((key) => key.includes("@") || key.includes("owner-shared"))).toBe(false);
    const gate = keys.find((key) => key.startsWith(`${keyPrefix}:sign-in-delay:`));
    expect(await admin.pttl(gate!)).toBeGreaterThan(25_000);

    await on(first, () => recordSuccessfulSignIn("192.0.2.80", email));
    expect(await on(second, () => takeSignInAttempt("192.0.2.80", email))).toBe(0);
  });
});
