import { LRUCache } from "lru-cache";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

// rate-limiter-flexible's memory limiter keeps every counter in a Map with a timer each until its
// window ends (~500 bytes a counter), so a spray from many addresses grows it with the request
// rate. This one keeps its counters in a bounded LRU instead: past `maxEntries` the least recently
// used counter goes first, and memory stays flat whatever the spray.

type Counter = { value: number; expiresAt: number | null };

/** The store interface RateLimiterMemory calls (incrby, set, get, delete), over lru-cache. */
class LruCounterStore {
  private readonly counters: LRUCache<string, Counter>;

  constructor(maxEntries: number) {
    this.counters = new LRUCache<string, Counter>({ max: maxEntries });
  }

  private live(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    if (counter && counter.expiresAt !== null && counter.expiresAt <= now) {
      this.counters.delete(key);
      return undefined;
    }
    return counter;
  }

  incrby(key: string, value: number, durationSec: number): RateLimiterRes {
    const now = Date.now();
    const counter = this.live(key, now);
    if (!counter) return this.set(key, value, durationSec);
    counter.value += value;
    return new RateLimiterRes(0, counter.expiresAt === null ? -1 : counter.expiresAt - now, counter.value, false);
  }

  set(key: string, value: number, durationSec: number): RateLimiterRes {
    const durationMs = durationSec * 1000;
    this.counters.set(key, { value, expiresAt: durationMs > 0 ? Date.now() + durationMs : null });
    return new RateLimiterRes(0, durationMs > 0 ? durationMs : -1, value, true);
  }

  get(key: string): RateLimiterRes | null {
    const now = Date.now();
    const counter = this.live(key, now);
    return counter ? new RateLimiterRes(0, counter.expiresAt === null ? -1 : counter.expiresAt - now, counter.value, false) : null;
  }

  delete(key: string): boolean {
    return this.counters.delete(key);
  }

  get size(): number {
    return this.counters.size;
  }
}

/** RateLimiterMemory with its counters in a bounded LRU (the same limiting, at most `maxEntries` counters). */
export class BoundedRateLimiterMemory extends RateLimiterMemory {
  private readonly store: LruCounterStore;

  constructor(settings: ConstructorParameters<typeof RateLimiterMemory>[0], maxEntries: number) {
    super(settings);
    this.store = new LruCounterStore(maxEntries);
    // RateLimiterMemory keeps its store in this field (rate-limiter-flexible 11); the tests check
    // from the outside that limiting still works and that the count of counters stays bounded.
    (this as unknown as { _memoryStorage: LruCounterStore })._memoryStorage = this.store;
  }

  /** How many counters are held (at most maxEntries). */
  get trackedKeys(): number {
    return this.store.size;
  }
}
