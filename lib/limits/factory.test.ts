import { describe, expect, it } from "vitest";
import { createLimiterFactory, limiters, setLimiters } from "./factory";
import { LruRateLimiter } from "./lru-limiter";
import { outcomeOf } from "./outcome";
import { LIMITS } from "./policies";

describe("the limiter factory", () => {
  it("makes bounded memory limiters without REDIS_URL, one per name", async () => {
    const factory = createLimiterFactory({ maxEntries: 50 });
    const first = factory.limiter("sign-up-ip", LIMITS.signUpPerAddress);
    expect(first).toBeInstanceOf(LruRateLimiter);
    expect(factory.limiter("sign-up-ip", LIMITS.signUpPerAddress)).toBe(first);
    expect(factory.limiter("other", { points: 1, duration: 60 })).not.toBe(first);
    expect(factory.shared()).toBe(false);
    await expect(factory.ready).resolves.toBeUndefined();
    for (let i = 0; i < 500; i++) await first.consume(`198.51.100.${i}`);
    expect((first as LruRateLimiter).trackedKeys).toBe(50);
  });

  it("keeps each limiter's counters under its own name", async () => {
    const factory = createLimiterFactory();
    const a = factory.limiter("a", { points: 1, duration: 60 });
    const b = factory.limiter("b", { points: 1, duration: 60 });
    expect((await outcomeOf(a.consume("same-key"))).allowed).toBe(true);
    expect((await outcomeOf(b.consume("same-key"))).allowed).toBe(true);
    expect((await outcomeOf(a.consume("same-key"))).allowed).toBe(false);
  });

  it("is one per process, on globalThis, until a test puts in its own", () => {
    expect(limiters()).toBe(limiters());
    const own = createLimiterFactory();
    setLimiters(own);
    expect(limiters()).toBe(own);
    setLimiters(undefined);
    expect(limiters()).not.toBe(own);
  });
});
