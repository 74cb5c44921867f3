import { describe, expect, it } from "vitest";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { GET as me } from "@/app/api/v1/me/route";
import { GET as auditLog } from "@/app/api/v1/admin/audit-log/route";
import { KeyCache } from "./cache";
import { keyCache } from "./key-changes";
import { revokeKey, rotateKey, updateKey } from "./service";
import { updateKeySchema } from "./schemas";
import type { KeyRecord } from "./verify";

const record = (id: string): KeyRecord => ({
  id,
  projectId: "p",
  name: id,
  kind: "sk",
  role: "editor",
  scope: "all",
  channels: [],
  permissions: null,
  expiresAt: null,
  revokedAt: null,
  disabledAt: null,
  rateLimit: null,
});

/** A lookup over a fixed table that counts its reads, like the database would be hit. */
function countingSource(table: Record<string, KeyRecord>) {
  const source = Object.assign(
    async (hash: string) => {
      source.reads++;
      return table[hash] ?? null;
    },
    { reads: 0 },
  );
  return source;
}

const options = { maxKeys: 3, maxMisses: 5, ttlMs: 60_000, missTtlMs: 60_000, maxDeleted: 2, deletedTtlMs: 60_000 };

describe("the verification cache", () => {
  it("reads a found key and an unknown hash once each", async () => {
    const source = countingSource({ h1: record("k1") });
    const cache = new KeyCache(source, options);
    expect((await cache.lookup("h1"))?.id).toBe("k1");
    expect((await cache.lookup("h1"))?.id).toBe("k1");
    expect(await cache.lookup("nope")).toBeNull();
    expect(await cache.lookup("nope")).toBeNull();
    expect(source.reads).toBe(2);
  });

  it("answers known revoked and expired keys from memory too (they do not reach the database again)", async () => {
    const gone = { ...record("k1"), revokedAt: new Date(0) };
    const old = { ...record("k2"), expiresAt: new Date(0) };
    const source = countingSource({ h1: gone, h2: old });
    const cache = new KeyCache(source, options);
    for (let i = 0; i < 5; i++) {
      expect(await cache.lookup("h1")).toEqual(gone);
      expect(await cache.lookup("h2")).toEqual(old);
    }
    expect(source.reads).toBe(2);
  });

  it("stays within its bounds, and a spray of unknown hashes cannot push found keys out", async () => {
    const source = countingSource({ h1: record("k1"), h2: record("k2") });
    const cache = new KeyCache(source, options);
    await cache.lookup("h1");
    await cache.lookup("h2");
    for (let i = 0; i < 1_000; i++) await cache.lookup(`random-${i}`);
    expect(cache.size).toEqual({ keys: 2, misses: 5 });
    const reads = source.reads;
    await cache.lookup("h1");
    await cache.lookup("h2");
    expect(source.reads).toBe(reads);
    const many = countingSource(Object.fromEntries(["a", "b", "c", "d", "e"].map((h) => [h, record(`k-${h}`)])));
    const small = new KeyCache(many, options);
    for (const hash of ["a", "b", "c", "d", "e"]) await small.lookup(hash);
    expect(small.size.keys).toBe(3);
  });

  it("reads a key again after it is invalidated", async () => {
    const table = { h1: record("k1") };
    const source = countingSource(table);
    const cache = new KeyCache(source, options);
    await cache.lookup("h1");
    table.h1 = { ...record("k1"), revokedAt: new Date() };
    expect((await cache.lookup("h1"))?.revokedAt).toBeNull(); // still cached
    cache.invalidate("k1");
    expect((await cache.lookup("h1"))?.revokedAt).toBeInstanceOf(Date);
  });

  it("peeks without a read, and remembers a deleted key's hash, within its own bound", async () => {
    const table: Record<string, KeyRecord> = { h1: record("k1"), h2: record("k2"), h3: record("k3"), h4: record("k4") };
    const source = countingSource(table);
    const cache = new KeyCache(source, options);
    expect(cache.peek("h1")).toBeUndefined();
    await cache.lookup("h1");
    expect(cache.peek("h1")).toEqual(record("k1"));
    await cache.lookup("never");
    expect(cache.peek("never")).toBeUndefined(); // unknown is not known: it may be a key created since
    expect(source.reads).toBe(2);

    for (const hash of ["h2", "h3"]) await cache.lookup(hash);
    for (const [hash, id] of [
      ["h1", "k1"],
      ["h2", "k2"],
      ["h3", "k3"],
    ]) {
      delete table[hash];
      cache.invalidate(id);
      expect(cache.peek(hash)).toBeUndefined(); // not known deleted until read as absent
      expect(await cache.lookup(hash)).toBeNull();
    }
    // maxDeleted is 2: the oldest deleted hash is forgotten (and then simply unknown again).
    expect([cache.peek("h1"), cache.peek("h2"), cache.peek("h3")]).toEqual([undefined, "deleted", "deleted"]);
    const reads = source.reads;
    expect(await cache.lookup("h3")).toBeNull();
    expect(source.reads).toBe(reads);
    // An edit is not a deletion: the invalidated key read again is found.
    await cache.lookup("h4");
    table.h4 = { ...record("k4"), role: "support" };
    cache.invalidate("k4");
    expect((await cache.lookup("h4"))?.role).toBe("support");
    expect(cache.peek("h4")).toMatchObject({ role: "support" });
  });

  it("does not keep a read that was in flight when the key changed", async () => {
    let release: (r: KeyRecord) => void = () => undefined;
    let reads = 0;
    const cache = new KeyCache(async () => {
      reads++;
      return reads === 1 ? new Promise<KeyRecord>((resolve) => (release = resolve)) : { ...record("k1"), role: "support" };
    }, options);
    const stale = cache.lookup("h1");
    cache.invalidate("k1"); // e.g. an edit commits while the first read is on its way
    release(record("k1"));
    expect((await stale)?.role).toBe("editor");
    expect((await cache.lookup("h1"))?.role).toBe("support");
    expect(reads).toBe(2);
  });

  it("reads the source every time while inactive", async () => {
    const source = countingSource({ h1: record("k1") });
    const cache = new KeyCache(source, options, { active: false });
    await cache.lookup("h1");
    await cache.lookup("h1");
    expect(source.reads).toBe(2);
    cache.setActive(true);
    await cache.lookup("h1");
    await cache.lookup("h1");
    expect(source.reads).toBe(3);
  });
});

const get = (route: typeof me, secret: string) =>
  route(new Request("http://localhost/api/v1/x", { headers: { authorization: `Bearer ${secret}`, "x-forwarded-for": "192.0.2.80" } }), { params: Promise.resolve({}) });

describe("the cached key check, through the API", () => {
  it("answers warm calls from memory, and the very next request sees a revoke, a role edit and a rotation", async () => {
    const { project, ctx } = await aProject();
    const edited = await aKey(ctx, project.id, "admin", { name: "Edited" });
    const revoked = await aKey(ctx, project.id, "editor", { name: "Revoked" });
    const rotated = await aKey(ctx, project.id, "support", { name: "Rotated" });
    // On PostgreSQL the cache serves from memory only once its change listener is connected.
    for (let i = 0; i < 100 && !keyCache().isActive; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(keyCache().isActive).toBe(true);
    for (const { secret } of [edited, revoked, rotated]) expect((await get(me, secret)).status).toBe(200);
    expect(keyCache().size.keys).toBeGreaterThanOrEqual(3);

    expect((await get(auditLog, edited.secret)).status).toBe(200);
    await updateKey(project.id, updateKeySchema.parse({ id: edited.key.id, name: "Edited", role: "support", scope: "all" }), ctx);
    const denied = await get(auditLog, edited.secret);
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe("insufficient_permissions");

    await revokeKey(project.id, revoked.key.id, ctx);
    const refused = await get(me, revoked.secret);
    expect([refused.status, (await refused.json()).error.code]).toEqual([401, "key_revoked"]);

    const replacement = await rotateKey(project.id, { id: rotated.key.id, grace: "now" }, ctx);
    const expired = await get(me, rotated.secret);
    expect([expired.status, (await expired.json()).error.code]).toEqual([401, "key_expired"]);
    expect((await get(me, replacement.secret)).status).toBe(200);
  });
});
