import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import path from "node:path";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { LruRateLimiter } from "./lru-limiter";
import { isLimiterState, outcomeOf } from "./outcome";

/** A second, separately loaded copy of rate-limiter-flexible, as Next.js bundles several into one server. */
function anotherCopy(): typeof import("rate-limiter-flexible") {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve("rate-limiter-flexible/package.json"));
  const ours = Object.keys(require.cache).filter((file) => file.startsWith(root));
  const saved = Object.fromEntries(ours.map((file) => [file, require.cache[file]]));
  for (const file of ours) delete require.cache[file];
  try {
    return require("rate-limiter-flexible");
  } finally {
    Object.assign(require.cache, saved);
  }
}

describe("a limiter's answer", () => {
  it("is recognised as a refusal when it comes from another copy of the library (where instanceof fails)", async () => {
    const copy = anotherCopy();
    expect(copy.RateLimiterRes).not.toBe(RateLimiterRes);
    const limiter = new copy.RateLimiterMemory({ points: 1, duration: 60 });
    await limiter.consume("owner");
    const refusal = await limiter.consume("owner").catch((error: unknown) => error);
    expect(refusal instanceof RateLimiterRes).toBe(false);
    expect(isLimiterState(refusal)).toBe(true);
    expect(await outcomeOf(limiter.consume("owner"))).toMatchObject({ allowed: false, consumedPoints: 3, msBeforeNext: expect.any(Number) });
  });

  it("passes on an error that is not a limiter state (a store failure), rather than reading it as a refusal", async () => {
    await expect(outcomeOf(Promise.reject(new Error("connection reset")))).rejects.toThrow("connection reset");
    // Errors carry no msBeforeNext, even one that happens to have the property.
    await expect(outcomeOf(Promise.reject(Object.assign(new Error("odd"), { msBeforeNext: 5 })))).rejects.toThrow("odd");
  });

  it("is the same for an allowed and a refused call of every kind of limiter we make", async () => {
    for (const limiter of [new LruRateLimiter({ points: 1, duration: 60, maxEntries: 10 }), new RateLimiterMemory({ points: 1, duration: 60 })]) {
      expect(await outcomeOf(limiter.consume("k"))).toMatchObject({ allowed: true, consumedPoints: 1, remainingPoints: 0 });
      expect(await outcomeOf(limiter.consume("k"))).toMatchObject({ allowed: false, consumedPoints: 2, remainingPoints: 0 });
    }
  });
});
