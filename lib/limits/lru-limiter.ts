import { LRUCache } from "lru-cache";
import { RateLimiterRes } from "rate-limiter-flexible";
import RateLimiterStoreAbstract from "rate-limiter-flexible/lib/RateLimiterStoreAbstract";

// rate-limiter-flexible's RateLimiterMemory keeps one setTimeout per counter until its window
// ends, and a timer keeps the async context of the request that made it alive (~31 KB each), so a
// flood of distinct names grew the heap until the process died (security review #1). This limiter
// is a store on the library's documented extension point (RateLimiterStoreAbstract: _upsert,
// _get, _delete, _getRateLimiterRes) over a bounded LRU: no timers, an expired counter is dropped
// when it is next read, and past `maxEntries` the least recently used counter goes first.

type Counter = { points: number; expiresAt: number | null };
export type LruLimiterOptions = {
  points: number;
  duration: number;
  keyPrefix?: string;
  maxEntries: number;
  /** Called on every store operation (the Redis limiter's insurance reports that it stands in). */
  onUse?: () => void;
};

export class LruRateLimiter extends RateLimiterStoreAbstract {
  private readonly counters: LRUCache<string, Counter>;
  private readonly onUse: () => void;

  constructor({ maxEntries, onUse, ...settings }: LruLimiterOptions) {
    // The store "client" is the LRU itself; the abstract class insists on one.
    const counters = new LRUCache<string, Counter>({ max: maxEntries });
    super({ ...settings, storeClient: counters });
    this.counters = counters;
    this.onUse = onUse ?? (() => {});
  }

  /** How many counters are held (at most maxEntries). */
  get trackedKeys(): number {
    return this.counters.size;
  }

  private live(rlKey: string, now: number): Counter | undefined {
    const counter = this.counters.get(rlKey);
    if (counter && counter.expiresAt !== null && counter.expiresAt <= now) {
      this.counters.delete(rlKey);
      return undefined;
    }
    return counter;
  }

  async _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<Counter> {
    this.onUse();
    const now = Date.now();
    const expiresAt = msDuration > 0 ? now + msDuration : null;
    const counter = forceExpire ? undefined : this.live(rlKey, now);
    if (counter) {
      counter.points += points;
      return { ...counter };
    }
    const fresh = { points, expiresAt };
    this.counters.set(rlKey, fresh);
    return { ...fresh };
  }

  async _get(rlKey: string): Promise<Counter | null> {
    this.onUse();
    const counter = this.live(rlKey, Date.now());
    return counter ? { ...counter } : null;
  }

  async _delete(rlKey: string): Promise<boolean> {
    this.onUse();
    return this.counters.delete(rlKey);
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, counter: Counter): RateLimiterRes {
    const msBeforeNext = counter.expiresAt === null ? -1 : Math.max(0, counter.expiresAt - Date.now());
    return new RateLimiterRes(Math.max(this.points - counter.points, 0), msBeforeNext, counter.points, counter.points === changedPoints);
  }
}
