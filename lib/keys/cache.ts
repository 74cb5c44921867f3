import { LRUCache } from "lru-cache";
import type { KeyLookup, KeyRecord } from "./verify";

// The verification cache (SPEC §10): found keys and unknown hashes, each in a bounded LRU, in front
// of the one indexed read. Unknown hashes have their own smaller LRU, so a spray of random keys can
// neither reach the database twice for one hash nor push the real keys out. Expiry is not cached:
// verifyKey compares the record's expiresAt with the clock on every request.
//
// Deleted keys: a hash that was a found key, was invalidated, and then read as absent is a deleted
// key (a deleted row never comes back), remembered in a third bounded LRU for deletedTtlMs, so a
// client still sending it is told invalid_api_key without counting as guessing (lib/api/handler.ts).
// Only keys this instance had cached are known this way; any other deleted key counts as unknown.

export type KeyCacheOptions = { maxKeys: number; maxMisses: number; ttlMs: number; missTtlMs: number; maxDeleted: number; deletedTtlMs: number };

export const DEFAULT_KEY_CACHE: KeyCacheOptions = {
  maxKeys: 50_000,
  maxMisses: 100_000,
  ttlMs: 60_000,
  missTtlMs: 60_000,
  maxDeleted: 10_000,
  deletedTtlMs: 24 * 3600_000,
};

/** What the cache holds for a hash: the key's record, or that it was deleted. */
export type CachedKey = KeyRecord | "deleted";

export class KeyCache {
  private readonly found: LRUCache<string, KeyRecord>;
  private readonly missing: LRUCache<string, true>;
  /** Hashes of invalidated keys (until they are read again), and of those then read as absent. */
  private readonly invalidated: LRUCache<string, true>;
  private readonly deleted: LRUCache<string, true>;
  // Key id → the hashes cached under it: one for an API key, one per live token for an OAuth
  // client's backing key; a token's own id maps to its one hash, so it can be dropped alone.
  private readonly hashesById = new Map<string, Set<string>>();
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
        this.unindex(record.id, hash);
        if (record.tokenId) this.unindex(record.tokenId, hash);
      },
    });
    this.missing = new LRUCache<string, true>({ max: options.maxMisses, ttl: options.missTtlMs });
    this.invalidated = new LRUCache<string, true>({ max: options.maxDeleted, ttl: options.deletedTtlMs });
    this.deleted = new LRUCache<string, true>({ max: options.maxDeleted, ttl: options.deletedTtlMs });
  }

  private index(id: string, hash: string): void {
    const hashes = this.hashesById.get(id);
    if (hashes) hashes.add(hash);
    else this.hashesById.set(id, new Set([hash]));
  }

  private unindex(id: string, hash: string): void {
    const hashes = this.hashesById.get(id);
    if (!hashes?.delete(hash)) return;
    if (hashes.size === 0) this.hashesById.delete(id);
  }

  readonly lookup: KeyLookup = async (hash, kind) => {
    if (this.active) {
      const hit = this.found.get(hash);
      if (hit) return hit;
      if (this.missing.has(hash) || this.deleted.has(hash)) return null;
    }
    const generation = this.generation;
    const record = await this.source(hash, kind);
    if (this.active && generation === this.generation) {
      const wasInvalidated = this.invalidated.delete(hash);
      if (record) {
        this.found.set(hash, record);
        this.index(record.id, hash);
        if (record.tokenId) this.index(record.tokenId, hash);
      } else if (wasInvalidated) {
        this.deleted.set(hash, true);
      } else {
        this.missing.set(hash, true);
      }
    }
    return record;
  };

  /**
   * A key changed (revoked, deleted, edited, rotated), or an access token was revoked (its id): the
   * next request reads it again. A client's backing key id drops every token of that client.
   */
  invalidate(id: string): void {
    this.generation++;
    const hashes = this.hashesById.get(id);
    if (hashes === undefined) return;
    for (const hash of [...hashes]) {
      this.found.delete(hash);
      this.invalidated.set(hash, true);
    }
  }

  /**
   * What the cache already holds for a hash, without a read and without refreshing its place in
   * the LRU: lets a blocked address still be answered for keys known here (lib/api/handler.ts).
   */
  peek(hash: string): CachedKey | undefined {
    if (!this.active) return undefined;
    return this.found.peek(hash) ?? (this.deleted.has(hash) ? "deleted" : undefined);
  }

  /**
   * Off while changes from other instances could be missed (their notification channel is down):
   * every check reads the database. On again only once the channel is back, starting empty.
   */
  setActive(active: boolean): void {
    this.generation++;
    this.found.clear();
    this.missing.clear();
    this.invalidated.clear();
    this.deleted.clear();
    this.hashesById.clear();
    this.active = active;
  }

  get isActive(): boolean {
    return this.active;
  }

  get size(): { keys: number; misses: number } {
    return { keys: this.found.size, misses: this.missing.size };
  }
}
