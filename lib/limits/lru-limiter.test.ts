import { afterEach, describe, expect, it, vi } from "vitest";
import { LruRateLimiter } from "./lru-limiter";
import { outcomeOf } from "./outcome";

const settings = { points: 3, duration: 60, keyPrefix: "test" };

describe("LruRateLimiter", () => {
  afterEach(() => vi.useRealTimers());

  it("limits like rate-limiter-flexible's limiters: the points, then a refusal with the time left", async () => {
    const limiter = new LruRateLimiter({ ...settings, maxEntries: 100 });
    for (let i = 1; i <= 3; i++) expect((await limiter.consume("a")).consumedPoints).toBe(i);
    const refused = await outcomeOf(limiter.consume("a"));
    expect(refused).toMatchObject({ allowed: false, consumedPoints: 4, remainingPoints: 0 });
    expect(refused.msBeforeNext).toBeGreaterThan(59_000);
    expect(refused.msBeforeNext).toBeLessThanOrEqual(60_000);
    // Another key has its own budget.
    expect((await limiter.consume("b")).consumedPoints).toBe(1);
  });

  it("penalty, reward and get count and read the same counter, and a counter ends with its window", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const limiter = new LruRateLimiter({ ...settings, maxEntries: 100 });
    expect(await limiter.get("ip")).toBeNull();
    await limiter.penalty("ip", 2);
    expect((await limiter.get("ip"))?.consumedPoints).toBe(2);
    vi.advanceTimersByTime(30_000);
    await limiter.penalty("ip", 2);
    await limiter.reward("ip", 1);
    const state = await limiter.get("ip");
    expect(state?.consumedPoints).toBe(3);
    expect(state?.msBeforeNext).toBe(30_000);
    vi.advanceTimersByTime(30_001);
    expect(await limiter.get("ip")).toBeNull();
    expect((await limiter.consume("ip")).consumedPoints).toBe(1);
  });

  it("takes a window per call (customDuration), and delete forgets a counter", async () => {
    const limiter = new LruRateLimiter({ points: 1, duration: 30, maxEntries: 100 });
    expect((await outcomeOf(limiter.consume("gate", 1, { customDuration: 240 }))).allowed).toBe(true);
    const waiting = await outcomeOf(limiter.consume("gate", 1, { customDuration: 480 }));
    expect(waiting.allowed).toBe(false);
    expect(waiting.msBeforeNext).toBeGreaterThan(239_000);
    expect(await limiter.delete("gate")).toBe(true);
    expect((await outcomeOf(limiter.consume("gate"))).allowed).toBe(true);
  });

  it("keeps at most maxEntries counters, dropping the least recently used, and starts no timer", async () => {
    const limiter = new LruRateLimiter({ ...settings, maxEntries: 1_000 });
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    for (let i = 0; i < 50_000; i++) await limiter.penalty(`10.0.${i >> 8}.${i & 255}`, 1);
    expect(setTimeoutSpy).not.toHaveBeenCalled();
    expect(limiter.trackedKeys).toBe(1_000);
    expect((await limiter.get("10.0.195.79"))?.consumedPoints).toBe(1); // the last one (49,999)
    expect(await limiter.get("10.0.0.0")).toBeNull();
  });
});
