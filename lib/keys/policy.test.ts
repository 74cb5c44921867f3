import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { aKey, aMember, aProject, refusal } from "@/lib/testing/fixtures";
import type { SessionUser } from "@/lib/auth/session";
import type { AuditContext } from "@/lib/audit/record";
import { createKey, enableKey, rotateKey, updateKey } from "./service";
import { allowedExpiryChoices, keyPolicySchema, NO_POLICY, type KeyPolicy } from "./policy";
import { keysBreakingPolicy, setKeyPolicy } from "./policy-service";
import { disableUnusedKeys } from "./unused-keys";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requestMeta: async () => ({ ip: "198.51.100.4", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { setKeyPolicyAction } = await import("@/app/(dashboard)/p/[slug]/settings/security/actions");

const DAY_MS = 86_400_000;
const ago = (days: number) => new Date(now().getTime() - days * DAY_MS);
const dateIn = (days: number) => new Date(now().getTime() + days * DAY_MS).toISOString().slice(0, 10);

const newKey = (projectId: string, ctx: AuditContext, role: "admin" | "editor", expires: "never" | "30" | "60" | "90" | "custom", expiresOn = "") =>
  createKey(projectId, { name: `${role} ${expires}`, description: "", role, scope: "all", channels: [], expires, expiresOn, rateLimit: null }, ctx);

async function withPolicy(policy: Partial<KeyPolicy>) {
  const made = await aProject();
  await setKeyPolicy(made.project.id, { ...NO_POLICY, ...policy }, made.ctx);
  return made;
}

describe("key policy: new and rotated keys", () => {
  it("refuses a new key that outlives the maximum lifetime, with a field error, and creates nothing", async () => {
    const { project, ctx } = await withPolicy({ maxLifetimeDays: 45 });
    const before = await db().apiKey.count({ where: { projectId: project.id } });
    for (const [expires, on] of [
      ["never", ""],
      ["60", ""],
      ["custom", dateIn(50)],
    ] as const) {
      const error = await refusal(newKey(project.id, ctx, "editor", expires, on));
      expect([error.code, error.field, error.message]).toEqual(["validation_failed", "expires", "This project's key policy: keys must expire within 45 days."]);
    }
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(before);
    await newKey(project.id, ctx, "editor", "30");
    await newKey(project.id, ctx, "editor", "custom", dateIn(45));
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(before + 2);
  });

  it("requires an expiry for Admin keys only, on create and when an edit would make a never-expiring key Admin", async () => {
    const { project, ctx } = await withPolicy({ adminRequiresExpiry: true });
    expect((await refusal(newKey(project.id, ctx, "admin", "never"))).message).toBe("This project's key policy: Admin keys must have an expiry date.");
    await newKey(project.id, ctx, "admin", "90");
    const { key } = await newKey(project.id, ctx, "editor", "never");
    const error = await refusal(updateKey(project.id, { id: key.id, name: key.name, description: "", role: "admin", scope: "all", channels: [] }, ctx));
    expect([error.field, error.message]).toEqual(["role", expect.stringContaining("Admin keys must have an expiry date")]);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).role).toBe("editor");
  });

  it("shortens a rotated key's replacement to the maximum lifetime, and gives a never-expiring Admin key's replacement an expiry", async () => {
    const { project, ctx } = await aProject();
    const { key: editor } = await aKey(ctx, project.id, "editor");
    const { key: admin } = await aKey(ctx, project.id, "admin");
    await setKeyPolicy(project.id, { ...NO_POLICY, maxLifetimeDays: 30 }, ctx);
    const rotated = await rotateKey(project.id, { id: editor.id, grace: "now" }, ctx);
    const replacement = await db().apiKey.findUniqueOrThrow({ where: { id: rotated.key.id } });
    expect(replacement.expiresAt!.getTime()).toBeLessThanOrEqual(now().getTime() + 31 * DAY_MS);
    expect(replacement.expiresAt!.getTime()).toBeGreaterThan(now().getTime() + 29 * DAY_MS);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "key.rotated", targetId: editor.id } });
    expect(JSON.parse(audit.changes!).replacementExpiresAt).toBe(replacement.expiresAt!.toISOString());

    await setKeyPolicy(project.id, { ...NO_POLICY, adminRequiresExpiry: true }, ctx);
    const adminRotated = await rotateKey(project.id, { id: admin.id, grace: "now" }, ctx);
    const adminReplacement = await db().apiKey.findUniqueOrThrow({ where: { id: adminRotated.key.id } });
    expect(Math.round((adminReplacement.expiresAt!.getTime() - now().getTime()) / DAY_MS)).toBe(90);
  });

  it("offers in the create dialog only the expiry choices the policy allows for the role", () => {
    expect(allowedExpiryChoices(NO_POLICY, "admin")).toEqual(["never", "30", "60", "90", "custom"]);
    expect(allowedExpiryChoices({ ...NO_POLICY, maxLifetimeDays: 60 }, "editor")).toEqual(["30", "60", "custom"]);
    expect(allowedExpiryChoices({ ...NO_POLICY, adminRequiresExpiry: true }, "admin")).toEqual(["30", "60", "90", "custom"]);
    expect(allowedExpiryChoices({ ...NO_POLICY, adminRequiresExpiry: true }, "editor")).toContain("never");
    expect(allowedExpiryChoices({ ...NO_POLICY, maxLifetimeDays: 7 }, "editor")).toEqual(["custom"]);
  });
});

describe("key policy: setting it", () => {
  it("lists existing keys that break a new policy and changes none of them", async () => {
    const { project, ctx } = await aProject();
    const { key: forever } = await aKey(ctx, project.id, "admin", { name: "admin forever" });
    await newKey(project.id, ctx, "editor", "30");
    const before = await db().apiKey.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } });
    const policy = { maxLifetimeDays: 7, adminRequiresExpiry: true, disableUnusedAfterDays: null };
    expect(await setKeyPolicy(project.id, policy, ctx)).toEqual({ changed: true });
    const breaking = await keysBreakingPolicy(project.id, policy);
    // Every key breaks it (the signup key, the admin key, the 30-day key): all listed.
    expect(breaking.total).toBe(before.length);
    expect(breaking.keys.find((k) => k.id === forever.id)?.reasons).toEqual(["never expires", "Admin without expiry"]);
    expect(await db().apiKey.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } })).toEqual(before);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "project.key_policy_updated" } });
    expect(JSON.parse(audit.changes!)).toEqual({ maxLifetimeDays: { from: null, to: 7 }, adminRequiresExpiry: { from: false, to: true } });
    expect(await setKeyPolicy(project.id, policy, ctx)).toEqual({ changed: false });
  });

  it("refuses bad numbers with a field error each", () => {
    for (const [field, value] of [
      ["maxLifetimeDays", "0"],
      ["maxLifetimeDays", "abc"],
      ["maxLifetimeDays", "1.5"],
      ["maxLifetimeDays", "99999"],
      ["disableUnusedAfterDays", "-3"],
      ["disableUnusedAfterDays", "3"],
      ["disableUnusedAfterDays", "1e9"],
    ]) {
      const parsed = keyPolicySchema.safeParse({ maxLifetimeDays: "", disableUnusedAfterDays: "", [field]: value });
      expect([field, value, parsed.success]).toEqual([field, value, false]);
      expect(parsed.error!.issues[0].path).toEqual([field]);
    }
    expect(keyPolicySchema.parse({ maxLifetimeDays: " 90 ", adminRequiresExpiry: "on", disableUnusedAfterDays: "" })).toEqual({
      maxLifetimeDays: 90,
      adminRequiresExpiry: true,
      disableUnusedAfterDays: null,
    });
  });

  it("lets owners only set it through the server action", async () => {
    const { project } = await aProject();
    session.user = await aMember(project.id, "admin");
    const result = await setKeyPolicyAction(null, { projectSlug: project.slug, maxLifetimeDays: "30" });
    expect(result.ok).toBe(false);
    expect((await db().project.findUniqueOrThrow({ where: { id: project.id } })).keyMaxLifetimeDays).toBeNull();
    session.user = await aMember(project.id, "owner");
    expect((await setKeyPolicyAction(null, { projectSlug: project.slug, maxLifetimeDays: "30" })).ok).toBe(true);
    expect((await db().project.findUniqueOrThrow({ where: { id: project.id } })).keyMaxLifetimeDays).toBe(30);
  });
});

describe("key policy: disabling unused keys", () => {
  it("disables keys unused for N days, audited as the key policy and mailed once, and leaves used, young and re-enabled keys alone", async () => {
    const { project, ctx, email } = await aProject();
    const make = async (name: string, data: Record<string, unknown>) => {
      const { key } = await aKey(ctx, project.id, "editor", { name });
      await db().apiKey.update({ where: { id: key.id }, data });
      // updatedAt is the row's own clock: set it back with the rest.
      await db().apiKey.update({ where: { id: key.id }, data: { updatedAt: data.updatedAt as Date } });
      return key.id;
    };
    const stale = await make("stale", { createdAt: ago(100), lastUsedAt: ago(40), updatedAt: ago(40) });
    const neverUsed = await make("never used", { createdAt: ago(40), updatedAt: ago(40) });
    const used = await make("used", { createdAt: ago(100), lastUsedAt: ago(2), updatedAt: ago(2) });
    const young = await make("young", { createdAt: ago(5), updatedAt: ago(5) });
    const revoked = await make("revoked", { createdAt: ago(100), revokedAt: ago(50), updatedAt: ago(50) });
    await db().project.update({ where: { id: project.id }, data: { disableUnusedAfterDays: 30 } });
    await db().mail.deleteMany({});

    await Promise.all([disableUnusedKeys(), disableUnusedKeys()]); // two instances at once
    const disabled = (await db().apiKey.findMany({ where: { projectId: project.id, disabledAt: { not: null } }, select: { id: true } })).map((k) => k.id);
    expect(disabled.sort()).toEqual([stale, neverUsed].sort());
    expect([used, young, revoked].some((id) => disabled.includes(id))).toBe(false);
    const entries = await db().auditEntry.findMany({ where: { projectId: project.id, action: "key.disabled" } });
    expect(entries.map((e) => [e.targetId, e.actorType, e.actorLabel]).sort()).toEqual(
      [
        [neverUsed, "system", "Key policy"],
        [stale, "system", "Key policy"],
      ].sort(),
    );
    const mails = await db().mail.findMany({ where: { recipient: email } });
    expect(mails).toHaveLength(1);
    expect(mails[0].body).toContain('"stale"');
    expect(mails[0].body).toContain('"never used"');

    // Enabled again by a person: it gets another 30 days, so the next run leaves it alone.
    await enableKey(project.id, stale, ctx);
    expect(await disableUnusedKeys()).toBe(0);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: stale } })).disabledAt).toBeNull();
  });
});
