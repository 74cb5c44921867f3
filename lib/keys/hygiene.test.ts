import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { aKey, aProject, auditActions } from "@/lib/testing/fixtures";
import { listKeys } from "./queries";
import { revokeKeys } from "./service";
import { badgesOf, KEY_FLAGS, keyFlags, type KeyFlag } from "./hygiene";

const DAY_MS = 86_400_000;
const daysFromNow = (days: number) => new Date(now().getTime() + days * DAY_MS);

/** A project with one key in each state the flags tell apart, by name. */
async function keysInEveryState() {
  const { project, ctx } = await aProject();
  const make = async (name: string, role: "admin" | "editor", data: Record<string, unknown>) => {
    const { key } = await aKey(ctx, project.id, role, { name });
    await db().apiKey.update({ where: { id: key.id }, data });
    return key.id;
  };
  await make("fresh, never used", "editor", {});
  await make("used yesterday", "editor", { lastUsedAt: daysFromNow(-1), expiresAt: daysFromNow(90) });
  await make("used 40 days ago", "editor", { lastUsedAt: daysFromNow(-40), createdAt: daysFromNow(-100), expiresAt: daysFromNow(90) });
  await make("old, never used", "editor", { createdAt: daysFromNow(-40), expiresAt: daysFromNow(90) });
  await make("expiring in 3 days", "editor", { lastUsedAt: daysFromNow(-1), expiresAt: daysFromNow(3) });
  await make("disabled, expiring", "editor", { lastUsedAt: daysFromNow(-1), expiresAt: daysFromNow(3), disabledAt: now() });
  await make("admin forever", "admin", { lastUsedAt: daysFromNow(-1) });
  await make("admin expiring later", "admin", { lastUsedAt: daysFromNow(-1), expiresAt: daysFromNow(60) });
  await make("revoked admin", "admin", { revokedAt: now() });
  await make("expired", "editor", { expiresAt: daysFromNow(-1) });
  return { project, ctx };
}

const names = async (projectId: string, flag?: KeyFlag) => (await listKeys(projectId, { flag, status: "all" })).keys.map((k) => k.name).sort();

describe("stale and risky keys", () => {
  it("flags never used, unused 30 days, expiring within 7 days and Admin without expiry, and only live keys", async () => {
    const { project } = await keysInEveryState();
    expect(await names(project.id, "never_used")).toEqual(["fresh, never used", "old, never used"]);
    expect(await names(project.id, "unused_30d")).toEqual(["old, never used", "used 40 days ago"]);
    expect(await names(project.id, "expiring")).toEqual(["expiring in 3 days"]);
    expect(await names(project.id, "admin_no_expiry")).toEqual(["admin forever"]);
  });

  it("shows as badges exactly the flags its filters find (one rule, two forms)", async () => {
    const { project } = await keysInEveryState();
    const list = await listKeys(project.id, { status: "all" });
    for (const flag of KEY_FLAGS) {
      const badged = list.keys
        .filter((k) => list.flags[k.id].includes(flag))
        .map((k) => k.name)
        .sort();
      expect([flag, badged]).toEqual([flag, await names(project.id, flag)]);
    }
    const byName = Object.fromEntries(list.keys.map((k) => [k.name, badgesOf(list.flags[k.id])]));
    expect(byName["old, never used"]).toEqual(["never_used"]); // not also "Unused 30+ days"
    expect(byName["used yesterday"]).toEqual([]);
    expect(byName["revoked admin"]).toEqual([]);
  });

  it("does not flag a key as never used once its use is recorded", () => {
    const key = { role: "editor", createdAt: daysFromNow(-2), lastUsedAt: null, expiresAt: null, revokedAt: null, disabledAt: null };
    expect(keyFlags(key, now())).toEqual(["never_used"]);
    expect(keyFlags({ ...key, lastUsedAt: now() }, now())).toEqual([]);
  });
});

describe("bulk revoke", () => {
  it("revokes each key with its own audit entry, and skips keys already revoked or of another project without saying which", async () => {
    const { project, ctx } = await aProject();
    const { key: one } = await aKey(ctx, project.id, "editor", { name: "one" });
    const { key: two } = await aKey(ctx, project.id, "support", { name: "two" });
    const { key: kept } = await aKey(ctx, project.id, "support", { name: "kept" });
    const other = await aProject("Other");
    const { key: foreign } = await aKey(other.ctx, other.project.id, "admin");

    expect(await revokeKeys(project.id, [one.id, two.id, two.id, foreign.id, "no-such-key"], ctx)).toEqual({ revoked: 2, skipped: 2 });
    const rows = await db().apiKey.findMany({ where: { id: { in: [one.id, two.id, kept.id, foreign.id] } }, select: { name: true, revokedAt: true } });
    expect(
      rows
        .filter((r) => r.revokedAt)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["one", "two"]);
    const revokedEntries = (await auditActions(project.id)).filter((e) => e.action === "key.revoked");
    expect(revokedEntries.map((e) => e.targetId).sort()).toEqual([one.id, two.id].sort());
    expect((await auditActions(other.project.id)).filter((e) => e.action === "key.revoked")).toEqual([]);

    expect(await revokeKeys(project.id, [one.id], ctx)).toEqual({ revoked: 0, skipped: 1 });
  });
});
