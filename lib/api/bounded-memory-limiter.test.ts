import { afterEach, describe, expect, it, vi } from "vitest";
import { RateLimiterRes } from "rate-limiter-flexible";
import { BoundedRateLimiterMemory } from "./bounded-memory-limiter";

const settings = { points: 3, duration: 60, keyPrefix: "test" };

describe("BoundedRateLimiterMemory", () => {
  afterEach(() => vi.useRealTimers());

  it("limits like rate-limiter-flexible's memory limiter: the points, then a refusal with the time left", async () => {
    const limiter = new BoundedRateLimiterMemory(settings, 100);
    for (let i = 1; i <= 3; i++) expect((await limiter.consume("a")).consumedPoints).toBe(i);
    const refused = await limiter.consume("a").then(
      () => null,
      (state: unknown) => state,
    );
    expect(refused).toBeInstanceOf(RateLimiterRes);
    expect((refused as RateLimiterRes).consumedPoints).toBe(4);
    expect((refused as RateLimiterRes).msBeforeNext).toBeGreaterThan(59_000);
    expect((refused as RateLimiterRes).msBeforeNext).toBeLessThanOrEqual(60_000);
    // Another key has its own budget.
    expect((await limiter.consume("b")).consumedPoints).toBe(1);
  });

  it("penalty and get count and read the same counter, and a counter ends with its window", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const limiter = new BoundedRateLimiterMemory(settings, 100);
    expect(await limiter.get("ip")).toBeNull();
    await limiter.penalty("ip", 2);
    expect((await limiter.get("ip"))?.consumedPoints).toBe(2);
    vi.advanceTimersByTime(30_000);
    await limiter.penalty("ip", 1);
    const state = await limiter.get("ip");
    expect(state?.consumedPoints).toBe(3);
    expect(state?.msBeforeNext).toBe(30_000);
    vi.advanceTimersByTime(30_001);
    expect(await limiter.get("ip")).toBeNull();
    expect((await limiter.consume("ip")).consumedPoints).toBe(1);
  });

  it("keeps at most maxEntries counters, dropping the least recently used", async () => {
    const limiter = new BoundedRateLimiterMemory(settings, 1_000);
    for (let i = 0; i < 50_000; i++) await limiter.penalty(`10.0.${i >> 8}.${i & 255}`, 1);
    expect(limiter.trackedKeys).toBe(1_000);
    expect((await limiter.get("10.0.195.79"))?.consumedPoints).toBe(1); // the last one (49,999)
    expect(await limiter.get("10.0.0.0")).toBeNull();
  });
});
