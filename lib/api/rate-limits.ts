import "server-only";
import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { BoundedRateLimiterMemory } from "./bounded-memory-limiter";
import { MAX_RATE_LIMIT } from "@/lib/keys/schemas";

// The two /api/v1 limits: requests per key per minute (the key's own rateLimit), and failed key
// checks per client address (SPEC §12). In memory on one instance; shared through Redis when
// REDIS_URL is set (SPEC §11), with a memory limiter as insurance, so a Redis outage still
// limits (per instance) and never fails a request. Limiter keys are key ids and addresses, never
// a key's secret.

export const MAX_FAILED_CHECKS_PER_MINUTE = 60;
const WINDOW_SECONDS = 60;
/** Counters each memory limiter keeps at most (least recently used go first): ~150 bytes each. */
export const MAX_TRACKED_IN_MEMORY = 100_000;

export type KeyAllowance = { allowed: boolean; headers: Record<string, string> };

export type RateLimits = {
  /** Counts one request of a key against its limit: may it run, and the RateLimit-* headers for its response. */
  takeKeyRequest(keyId: string, limit: number): Promise<KeyAllowance>;
  /** Seconds until this address may check keys again, or 0 while it is under its limit. */
  failedChecksRetryAfter(ip: string): Promise<number>;
  recordFailedCheck(ip: string): Promise<void>;
  /** True while the limits are shared through Redis (false in memory, and while Redis is away). */
  shared(): boolean;
  close(): void;
};

const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** A used-up limiter rejects with its state (a RateLimiterRes) rather than an Error: both are an answer. */
const stateOf = (outcome: unknown): RateLimiterRes => {
  if (outcome instanceof RateLimiterRes) return outcome;
  throw outcome;
};

type Options = { redisUrl?: string; keyPrefix?: string; log?: (message: string) => void };

export function createRateLimits({ redisUrl, keyPrefix = "latchkey:rl", log = (message) => console.warn(message) }: Options = {}): RateLimits {
  const redis = redisUrl ? redisConnection(redisUrl, log) : null;

  function limiter(name: string, points: number): RateLimiterAbstract {
    const settings = { points, duration: WINDOW_SECONDS, keyPrefix: `${keyPrefix}:${name}` };
    if (!redis) return new BoundedRateLimiterMemory(settings, MAX_TRACKED_IN_MEMORY);
    return new RateLimiterRedis({ ...settings, storeClient: redis.client, rejectIfRedisNotReady: true, insuranceLimiter: new InsuranceMemory(settings, redis.fellBack) });
  }

  // One counter per key id, compared with that key's limit: one limiter serves every limit, and a
  // changed limit applies to the very next request. Its own ceiling is the largest allowed limit.
  const keyRequests = limiter("key", MAX_RATE_LIMIT);
  const failedChecks = limiter("failed-ip", MAX_FAILED_CHECKS_PER_MINUTE);
  // The first requests wait for the first connection attempt, or they would count in memory only.
  const connected = redis?.firstAttempt ?? Promise.resolve();

  return {
    async takeKeyRequest(keyId, limit) {
      await connected;
      const state = await keyRequests.consume(keyId, 1).catch(stateOf);
      const allowed = state.consumedPoints <= limit;
      const reset = String(secondsUntil(state.msBeforeNext));
      const headers: Record<string, string> = {
        "RateLimit-Limit": String(limit),
        "RateLimit-Remaining": String(Math.max(0, limit - state.consumedPoints)),
        "RateLimit-Reset": reset,
      };
      return { allowed, headers: allowed ? headers : { ...headers, "Retry-After": reset } };
    },
    async failedChecksRetryAfter(ip) {
      await connected;
      const state = await failedChecks.get(ip);
      return state && state.consumedPoints >= MAX_FAILED_CHECKS_PER_MINUTE ? secondsUntil(state.msBeforeNext) : 0;
    },
    async recordFailedCheck(ip) {
      await connected;
      await failedChecks.penalty(ip, 1);
    },
    shared: () => redis?.client.status === "ready",
    close() {
      redis?.close();
    },
  };
}

/** The memory insurance, reporting each time it stands in for Redis. */
class InsuranceMemory extends BoundedRateLimiterMemory {
  constructor(
    settings: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void,
  ) {
    super(settings, MAX_TRACKED_IN_MEMORY);
  }
  consume(...args: Parameters<RateLimiterMemory["consume"]>) {
    this.onUse();
    return super.consume(...args);
  }
  get(...args: Parameters<RateLimiterMemory["get"]>) {
    this.onUse();
    return super.get(...args);
  }
  penalty(...args: Parameters<RateLimiterMemory["penalty"]>) {
    this.onUse();
    return super.penalty(...args);
  }
}

/**
 * The Redis client, and the one log line per outage: "unavailable" when the memory insurance first
 * stands in (or a connection attempt fails), "back" when the connection is ready again.
 */
function redisConnection(url: string, log: (message: string) => void) {
  // No offline queue and a short command timeout: while Redis is away a request goes to the
  // memory insurance at once instead of waiting for a reconnect.
  const client = new Redis(url, { enableOfflineQueue: false, connectTimeout: 1000, commandTimeout: 500, maxRetriesPerRequest: 1 });
  let down = false;
  let closing = false;
  const fellBack = () => {
    if (down || closing) return;
    down = true;
    log("rate limits: Redis unavailable, falling back to memory");
  };
  // ioredis emits "error" on every failed (re)connect attempt; handled here, so never unhandled.
  client.on("error", fellBack);
  client.on("ready", () => {
    if (!down || closing) return;
    down = false;
    log("rate limits: Redis is back, sharing limits again");
  });
  const firstAttempt = new Promise<void>((resolve) => {
    client.once("ready", resolve);
    client.once("error", resolve);
  });
  return {
    client,
    firstAttempt,
    fellBack,
    close() {
      closing = true;
      client.disconnect();
    },
  };
}

/** The RateLimit-* headers of a limited key, on whatever response its request got. */
export function addHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// On globalThis, like the other per-process state: Next.js may load this module in several bundles,
// and each would otherwise open its own Redis connection and keep its own counters.
const holder = globalThis as { __latchkeyRateLimits?: RateLimits };

/** This process's limits, from REDIS_URL. */
export function rateLimits(): RateLimits {
  return (holder.__latchkeyRateLimits ??= createRateLimits({ redisUrl: process.env.REDIS_URL || undefined }));
}

/** Lets a test put in limits of its own (e.g. against a Redis); undefined goes back to REDIS_URL. */
export function setRateLimits(next: RateLimits | undefined): void {
  holder.__latchkeyRateLimits = next;
}
