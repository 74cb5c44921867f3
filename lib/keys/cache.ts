import { LRUCache } from "lru-cache";
import type { KeyLookup, KeyRecord } from "./verify";

// The verification cache (SPEC §10): found keys and unknown hashes, each in a bounded LRU, in front
// of the one indexed read. Unknown hashes have their own smaller LRU, so a spray of random keys can
// neither reach the database twice for one hash nor push the real keys out. Expiry is not cached:
// verifyKey compares the record's expiresAt with the clock on every request.

export type KeyCacheOptions = { maxKeys: number; maxMisses: number; ttlMs: number; missTtlMs: number };

export const DEFAULT_KEY_CACHE: KeyCacheOptions = { maxKeys: 50_000, maxMisses: 100_000, ttlMs: 60_000, missTtlMs: 60_000 };

export class KeyCache {
  private readonly found: LRUCache<string, KeyRecord>;
  private readonly missing: LRUCache<string, true>;
  private readonly hashById = new Map<string, string>();
  // Bumped by every invalidation: a read that started before one must not fill the cache after it.
  private generation = 0;
  private active: boolean;

  constructor(
    private readonly source: KeyLookup,
    options: KeyCacheOptions = DEFAULT_KEY_CACHE,
    { active = true } = {},
  ) {
    this.active = active;
    this.found = new LRUCache<string, KeyRecord>({
      max: options.maxKeys,
      ttl: options.ttlMs,
      dispose: (record, hash) => {
        if (this.hashById.get(record.id) === hash) this.hashById.delete(record.id);
      },
    });
    this.missing = new LRUCache<string, true>({ max: options.maxMisses, ttl: options.missTtlMs });
  }

  readonly lookup: KeyLookup = async (hash) => {
    if (this.active) {
      const hit = this.found.get(hash);
      if (hit) return hit;
      if (this.missing.has(hash)) return null;
    }
    const generation = this.generation;
    const record = await this.source(hash);
    if (this.active && generation === this.generation) {
      if (record) {
        this.found.set(hash, record);
        this.hashById.set(record.id, hash);
      } else {
        this.missing.set(hash, true);
      }
    }
    return record;
  };

  /** A key changed (revoked, deleted, edited, rotated): the next request reads it again. */
  invalidate(keyId: string): void {
    this.generation++;
    const hash = this.hashById.get(keyId);
    if (hash !== undefined) this.found.delete(hash);
  }

  /**
   * Off while changes from other instances could be missed (their notification channel is down):
   * every check reads the database. On again only once the channel is back, starting empty.
   */
  setActive(active: boolean): void {
    this.generation++;
    this.found.clear();
    this.missing.clear();
    this.hashById.clear();
    this.active = active;
  }

  get isActive(): boolean {
    return this.active;
  }

  get size(): { keys: number; misses: number } {
    return { keys: this.found.size, misses: this.missing.size };
  }
}
