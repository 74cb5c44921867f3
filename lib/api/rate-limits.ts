import "server-only";
import { createLimiterFactory, limiters, type LimiterFactory } from "@/lib/limits/factory";
import { addressKey } from "@/lib/limits/address";
import { outcomeOf, secondsUntil } from "@/lib/limits/outcome";
import { LIMITS } from "@/lib/limits/policies";

// The two /api/v1 limits: requests per key per minute (the key's own rateLimit), and failed key
// checks per client address (SPEC §12). Made by the one limiter factory (lib/limits): in memory
// on one instance, shared through Redis when REDIS_URL is set (SPEC §11), with a memory limiter
// as insurance, so a Redis outage still limits (per instance) and never fails a request. Limiter
// keys are key ids and addresses, never a key's secret.

export const MAX_FAILED_CHECKS_PER_MINUTE = LIMITS.failedKeyChecksPerAddress.points;
export { MAX_TRACKED_IN_MEMORY } from "@/lib/limits/factory";

export type KeyAllowance = { allowed: boolean; headers: Record<string, string> };

/** The policies a response can name: a key's requests per minute, an address's failed key checks. */
export type RateLimitPolicy = "key" | "address";

/**
 * The rate-limit fields of draft-ietf-httpapi-ratelimit-headers-11 (May 2026; this syntax since
 * -09): `RateLimit-Policy: "key";q=100;w=60` (quota per window in seconds) and
 * `RateLimit: "key";r=99;t=42` (remaining, seconds until the window resets), Structured Field
 * lists whose quoted item names the policy that applies.
 */
export function rateLimitFields(policy: RateLimitPolicy, { quota, window, remaining, reset }: { quota: number; window: number; remaining: number; reset: number }): Record<string, string> {
  return { "RateLimit-Policy": `"${policy}";q=${quota};w=${window}`, RateLimit: `"${policy}";r=${remaining};t=${reset}` };
}

/** The fields of a 429 for an address over its failed key checks, Retry-After included. */
export function failedChecksRefusalHeaders(retryAfter: number): Record<string, string> {
  const { points, duration } = LIMITS.failedKeyChecksPerAddress;
  return { ...rateLimitFields("address", { quota: points, window: duration, remaining: 0, reset: retryAfter }), "Retry-After": String(retryAfter) };
}

export type RateLimits = {
  /** Counts one request of a key against its limit: may it run, and the rate-limit fields for its response. */
  takeKeyRequest(keyId: string, limit: number): Promise<KeyAllowance>;
  /** Seconds until this address may check keys again, or 0 while it is under its limit. */
  failedChecksRetryAfter(ip: string): Promise<number>;
  recordFailedCheck(ip: string): Promise<void>;
  /** True while the limits are shared through Redis (false in memory, and while Redis is away). */
  shared(): boolean;
  close(): void;
};

/** Limits over their own factory (a Redis URL of their own, e.g. a test's), or over `factory`. */
type Options = { redisUrl?: string; keyPrefix?: string; log?: (message: string) => void; factory?: LimiterFactory };

export function createRateLimits({ factory, ...options }: Options = {}): RateLimits {
  const owned = factory ? null : createLimiterFactory(options);
  const made = factory ?? owned!;
  // One counter per key id, compared with that key's limit: one limiter serves every limit, and a
  // changed limit applies to the very next request. Its own ceiling is the largest allowed limit.
  const keyRequests = made.limiter("key", LIMITS.keyRequests);
  const failedChecks = made.limiter("failed-ip", LIMITS.failedKeyChecksPerAddress);

  return {
    async takeKeyRequest(keyId, limit) {
      await made.ready;
      const state = await outcomeOf(keyRequests.consume(keyId, 1));
      const allowed = state.consumedPoints <= limit;
      const reset = secondsUntil(state.msBeforeNext);
      const headers = rateLimitFields("key", { quota: limit, window: LIMITS.keyRequests.duration, remaining: Math.max(0, limit - state.consumedPoints), reset });
      return { allowed, headers: allowed ? headers : { ...headers, "Retry-After": String(reset) } };
    },
    async failedChecksRetryAfter(ip) {
      await made.ready;
      const state = await failedChecks.get(addressKey(ip));
      return state && state.consumedPoints >= MAX_FAILED_CHECKS_PER_MINUTE ? secondsUntil(state.msBeforeNext) : 0;
    },
    async recordFailedCheck(ip) {
      await made.ready;
      await failedChecks.penalty(addressKey(ip), 1);
    },
    shared: () => made.shared(),
    close() {
      owned?.close();
    },
  };
}

/** The rate-limit fields of a key, on whatever response its request got. */
export function addHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// On globalThis, like the other per-process state: Next.js may load this module in several bundles,
// and each would otherwise open its own Redis connection and keep its own counters.
const holder = globalThis as { __latchkeyRateLimits?: RateLimits };

/** This process's limits, over its limiter factory (REDIS_URL). */
export function rateLimits(): RateLimits {
  return (holder.__latchkeyRateLimits ??= createRateLimits({ factory: limiters() }));
}

/** Lets a test put in limits of its own (e.g. against a Redis); undefined goes back to REDIS_URL. */
export function setRateLimits(next: RateLimits | undefined): void {
  holder.__latchkeyRateLimits = next;
}
