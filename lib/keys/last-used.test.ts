import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setImmediate as tick } from "node:timers/promises";
import { db, isPostgres } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { deleteKey } from "./service";
import { FLUSH_INTERVAL_MS, lastUsed } from "./last-used";

// A trigger logs every UPDATE of an ApiKey row, so the tests count real writes in the database.
const LOG_SQL = isPostgres()
  ? [
      `CREATE TABLE "KeyUpdateLog" ("keyId" TEXT NOT NULL, "lastUsedIp" TEXT)`,
      `CREATE FUNCTION key_update_log() RETURNS trigger AS $$ BEGIN INSERT INTO "KeyUpdateLog" VALUES (NEW."id", NEW."lastUsedIp"); RETURN NEW; END $$ LANGUAGE plpgsql`,
      `CREATE TRIGGER key_update_log AFTER UPDATE ON "ApiKey" FOR EACH ROW EXECUTE FUNCTION key_update_log()`,
    ]
  : [
      `CREATE TABLE "KeyUpdateLog" ("keyId" TEXT NOT NULL, "lastUsedIp" TEXT)`,
      `CREATE TRIGGER key_update_log AFTER UPDATE ON "ApiKey" BEGIN INSERT INTO "KeyUpdateLog" VALUES (NEW."id", NEW."lastUsedIp"); END`,
    ];

const updatesOf = async (keyId: string) => db().$queryRaw<{ lastUsedIp: string | null }[]>`SELECT "lastUsedIp" FROM "KeyUpdateLog" WHERE "keyId" = ${keyId}`;
const row = (id: string) => db().apiKey.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true, lastUsedIp: true } });

async function freshKey() {
  const { project, ctx } = await aProject();
  const { key } = await aKey(ctx, project.id, "editor");
  return { project, ctx, id: key.id };
}

beforeAll(async () => {
  // Only the recorder's interval is faked, so the tests decide when the periodic flush runs.
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  for (const sql of LOG_SQL) await db().$executeRawUnsafe(sql);
});

afterAll(async () => {
  await lastUsed.flush();
  vi.useRealTimers();
});

describe("last used", () => {
  it("never moves backwards when an older use arrives after a newer one was written", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id);
    const newer = new Date(Date.now() - 1_000);
    lastUsed.record(key.id, "198.51.100.50", newer);
    await lastUsed.flush();
    lastUsed.record(key.id, "198.51.100.51", new Date(newer.getTime() - 5_000));
    await lastUsed.flush();
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastUsedAt: true, lastUsedIp: true } });
    expect(row).toEqual({ lastUsedAt: newer, lastUsedIp: "198.51.100.50" });
  });

  it("shows a recorded use through peek() at once, and writes nothing before the flush", async () => {
    const { id } = await freshKey();
    const at = new Date("2030-01-02T03:04:05.000Z");
    lastUsed.record(id, "198.51.100.1", at);
    expect(lastUsed.peek(id)).toEqual({ at, ip: "198.51.100.1" });
    expect(await row(id)).toEqual({ lastUsedAt: null, lastUsedIp: null });
    expect(await updatesOf(id)).toHaveLength(0);
    await lastUsed.flush();
  });

  it("writes lastUsedAt and lastUsedIp of every pending key in one flush", async () => {
    const keys = await Promise.all([freshKey(), freshKey(), freshKey()]);
    const at = new Date("2030-02-03T04:05:06.000Z");
    keys.forEach(({ id }, i) => lastUsed.record(id, `198.51.100.${10 + i}`, at));
    await lastUsed.flush();
    for (const [i, { id }] of keys.entries()) {
      expect(await row(id)).toEqual({ lastUsedAt: at, lastUsedIp: `198.51.100.${10 + i}` });
      expect(await updatesOf(id)).toHaveLength(1);
      expect(lastUsed.peek(id)).toBeUndefined();
    }
  });

  it("coalesces many uses of one key before a flush into one update carrying the latest", async () => {
    const { id } = await freshKey();
    const start = Date.parse("2030-03-01T00:00:00.000Z");
    for (let i = 0; i < 50; i++) lastUsed.record(id, `192.0.2.${i}`, new Date(start + i * 1000));
    expect(lastUsed.peek(id)).toEqual({ at: new Date(start + 49_000), ip: "192.0.2.49" });
    await lastUsed.flush();
    expect(await updatesOf(id)).toEqual([{ lastUsedIp: "192.0.2.49" }]);
    expect(await row(id)).toEqual({ lastUsedAt: new Date(start + 49_000), lastUsedIp: "192.0.2.49" });
  });

  it("writes nothing more when a second flush finds no pending use", async () => {
    const { id } = await freshKey();
    lastUsed.record(id, null);
    await lastUsed.flush();
    await lastUsed.flush();
    expect(await updatesOf(id)).toHaveLength(1);
    expect((await row(id)).lastUsedIp).toBeNull();
  });

  it("flushes on its own within 10 seconds of a use", async () => {
    expect(FLUSH_INTERVAL_MS).toBeLessThanOrEqual(10_000);
    const { id } = await freshKey();
    const at = new Date("2030-04-01T00:00:00.000Z");
    lastUsed.record(id, "198.51.100.77", at);
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    await tick();
    expect(lastUsed.peek(id)).toBeUndefined();
    await lastUsed.flush();
    expect(await row(id)).toEqual({ lastUsedAt: at, lastUsedIp: "198.51.100.77" });
  });

  it("drops a use of a key deleted before the flush without losing the others in the batch", async () => {
    const { project, ctx, id } = await freshKey();
    const { key: survivor } = await aKey(ctx, project.id, "admin");
    lastUsed.record(id, "198.51.100.5");
    lastUsed.record(survivor.id, "198.51.100.6");
    await deleteKey(project.id, id, ctx);
    await lastUsed.flush();
    expect((await row(survivor.id)).lastUsedIp).toBe("198.51.100.6");
    expect(lastUsed.peek(id)).toBeUndefined();
  });
});
