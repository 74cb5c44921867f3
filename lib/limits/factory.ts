import "server-only";
import type Redis from "ioredis";
import { RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { LruRateLimiter } from "./lru-limiter";
import type { LimiterPolicy } from "./policies";
import { redisConnection, type RedisConnection } from "./redis-connection";

// The one way a limiter is made. In memory (a bounded LRU, no timers) on one instance; shared
// through Redis when a URL is given (SPEC §11), with the bounded memory limiter as insurance, so a
// Redis outage still limits (per instance) and never fails a request. Limiter keys are ids,
// addresses and hashes, never a secret or an e-mail address.

/** Counters each memory limiter keeps at most (least recently used go first): ~200 bytes each. */
export const MAX_TRACKED_IN_MEMORY = 100_000;

export type LimiterFactory = {
  /** The limiter called `name` (one per name: asking again returns the same one). */
  limiter(name: string, policy: LimiterPolicy): RateLimiterAbstract;
  /** Settles once the first Redis connection attempt has (immediately without Redis): the first requests wait for it, or they would count in memory only. */
  ready: Promise<void>;
  /** True while the limits are shared through Redis (false in memory, and while Redis is away). */
  shared(): boolean;
  /** The Redis client while it is ready (other shared counters, e.g. quotas, use it too), else null. */
  redis(): Redis | null;
  close(): void;
};

type Options = { redisUrl?: string; keyPrefix?: string; log?: (message: string) => void; maxEntries?: number };

export function createLimiterFactory({ redisUrl, keyPrefix = "latchkey:rl", log = (message) => console.warn(message), maxEntries = MAX_TRACKED_IN_MEMORY }: Options = {}): LimiterFactory {
  const redis: RedisConnection | null = redisUrl ? redisConnection(redisUrl, log) : null;
  const made = new Map<string, RateLimiterAbstract>();

  function make(name: string, { points, duration }: LimiterPolicy): RateLimiterAbstract {
    const settings = { points, duration, keyPrefix: `${keyPrefix}:${name}` };
    if (!redis) return new LruRateLimiter({ ...settings, maxEntries });
    const insuranceLimiter = new LruRateLimiter({ ...settings, maxEntries, onUse: redis.fellBack });
    return new RateLimiterRedis({ ...settings, storeClient: redis.client, rejectIfRedisNotReady: true, insuranceLimiter });
  }

  return {
    limiter(name, policy) {
      let limiter = made.get(name);
      if (!limiter) made.set(name, (limiter = make(name, policy)));
      return limiter;
    },
    ready: redis?.firstAttempt ?? Promise.resolve(),
    shared: () => redis?.client.status === "ready",
    redis: () => (redis?.client.status === "ready" ? redis.client : null),
    close() {
      redis?.close();
    },
  };
}

// On globalThis, like the other per-process state: Next.js may load this module in several
// bundles, and each would otherwise open its own Redis connection and keep its own counters.
const holder = globalThis as { __latchkeyLimiters?: LimiterFactory };

/** This process's limiters, from REDIS_URL. */
export function limiters(): LimiterFactory {
  return (holder.__latchkeyLimiters ??= createLimiterFactory({ redisUrl: process.env.REDIS_URL || undefined }));
}

/** Lets a test put in a factory of its own (e.g. against a Redis); undefined goes back to REDIS_URL. */
export function setLimiters(next: LimiterFactory | undefined): void {
  holder.__latchkeyLimiters = next;
}
