import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { aChannel, aKey, aMember, aProject } from "@/lib/testing/fixtures";
import type { SessionUser } from "@/lib/auth/session";

// The server actions are public POST endpoints: these tests call them directly, as a forged
// request would, with the session of whoever the test says is signed in.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requestMeta: async () => ({ ip: "198.51.100.4", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createKeyAction, updateKeyAction, revokeKeyAction, revokeKeysAction, reduceKeyAction, deleteKeyAction, revealKeyAction, currentKeyAction } = await import("./actions");

async function snapshot(projectId: string) {
  const [keys, audit] = await Promise.all([
    db().apiKey.findMany({ where: { projectId }, orderBy: { id: "asc" }, select: { id: true, name: true, role: true, scope: true, revokedAt: true } }),
    db().auditEntry.count({ where: { projectId } }),
  ]);
  return { keys, audit };
}

const form = (values: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of [v].flat()) data.append(k, item);
  return data;
};

beforeEach(() => {
  session.user = null;
});

describe("API key server actions", () => {
  it("refuses a viewer who calls the mutating actions directly, and changes nothing", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "client");
    session.user = await aMember(project.id, "viewer");
    const before = await snapshot(project.id);
    const calls = [
      createKeyAction(null, form({ projectSlug: project.slug, name: "sneaky", role: "admin", scope: "all" })),
      updateKeyAction(null, { projectSlug: project.slug, id: key.id, name: "renamed", role: "client", scope: "all" }),
      revokeKeyAction(null, { projectSlug: project.slug, id: key.id }),
      revokeKeysAction(null, { projectSlug: project.slug, ids: [key.id] }),
      reduceKeyAction(null, { projectSlug: project.slug, id: key.id, version: 1 }),
      deleteKeyAction(null, { projectSlug: project.slug, id: key.id }),
      revealKeyAction(null, { projectSlug: project.slug, id: key.id }),
    ];
    for (const result of await Promise.all(calls)) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe("forbidden");
    }
    expect(await snapshot(project.id)).toEqual(before);
  });

  it("refuses a signed-out caller", async () => {
    const { project } = await aProject();
    const result = await createKeyAction(null, form({ projectSlug: project.slug, role: "admin", scope: "all" }));
    expect(result).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  });

  it("treats a project the caller is not a member of as not found", async () => {
    const a = await aProject("Project A");
    const b = await aProject("Project B");
    session.user = { id: a.userId, email: a.email, name: "Owner" };
    const result = await createKeyAction(null, form({ projectSlug: b.project.slug, role: "admin", scope: "all" }));
    expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await db().apiKey.count({ where: { projectId: b.project.id } })).toBe(0);
  });

  it("gives a forged key id of another project not_found and leaves that key alone", async () => {
    const a = await aProject("Project A");
    const b = await aProject("Project B");
    const { key: foreign } = await aKey(b.ctx, b.project.id, "editor");
    session.user = { id: a.userId, email: a.email, name: "Owner" };
    const before = await snapshot(b.project.id);
    for (const action of [revokeKeyAction, deleteKeyAction]) {
      const result = await action(null, { projectSlug: a.project.slug, id: foreign.id });
      expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    const edit = await updateKeyAction(null, { projectSlug: a.project.slug, id: foreign.id, version: 1, role: "admin", scope: "all" });
    expect(edit).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await snapshot(b.project.id)).toEqual(before);
  });

  it("creates a key for an owner and returns the secret once, with field errors for bad input", async () => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    const bad = await createKeyAction(null, form({ projectSlug: project.slug, name: "x".repeat(101), role: "root", scope: "all" }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.fieldErrors?.name).toEqual(["Name must be at most 100 characters."]);
      expect(bad.error.fieldErrors?.role).toBeDefined();
    }
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(0);

    const good = await createKeyAction(null, form({ projectSlug: project.slug, name: "  Worker  ", role: "support", scope: "all" }));
    expect(good.ok).toBe(true);
    if (good.ok) {
      expect(good.data.secret).toMatch(/^lk_sk_/);
      expect(good.data.name).toBe("Worker");
    }
  });

  it("refuses a rate limit with letters in it as a field error, never as no limit, on create and on edit", async () => {
    const { project, userId, email, ctx } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    const message = "Enter a whole number of requests per minute, or leave it empty for no limit.";
    for (const rateLimit of ["abc", "12abc", "1e3", "2.5", " - "]) {
      const created = await createKeyAction(null, form({ projectSlug: project.slug, name: "Limited", role: "support", scope: "all", rateLimit }));
      expect(created).toMatchObject({ ok: false, error: { fieldErrors: { rateLimit: [message] } } });
    }
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(0);

    const { key } = await aKey(ctx, project.id, "support", { name: "Checkout", rateLimit: 60 });
    const { version } = await db().apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { version: true } });
    const edited = await updateKeyAction(null, form({ projectSlug: project.slug, id: key.id, version: String(version), rateLimit: "abc" }));
    expect(edited).toMatchObject({ ok: false, error: { fieldErrors: { rateLimit: [message] } } });
    expect(await db().apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { rateLimit: true } })).toEqual({ rateLimit: 60 });
  });

  it("refuses a channel of another project in the scope", async () => {
    const a = await aProject("Project A");
    const b = await aProject("Project B");
    const foreign = await aChannel(b.ctx, b.project.id, "vip");
    session.user = { id: a.userId, email: a.email, name: "Owner" };
    const result = await createKeyAction(null, form({ projectSlug: a.project.slug, role: "editor", scope: "channels", "channels[]": [foreign.id] }));
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { channels: ["Choose channels of this project only."] } } });
    expect(await db().apiKey.count({ where: { projectId: a.project.id } })).toBe(0);
  });

  it("refuses to give a publishable key a secret role, saying to create a secret key", async () => {
    const { project, ctx, userId, email } = await aProject();
    const { key } = await aKey(ctx, project.id, "client");
    session.user = { id: userId, email, name: "Owner" };
    const result = await updateKeyAction(null, { projectSlug: project.slug, id: key.id, version: 1, role: "admin" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/Create a secret key instead/);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).role).toBe("client");
  });

  it("reveals a publishable key again and writes an audit entry, but never a secret key", async () => {
    const { project, ctx, userId, email } = await aProject();
    const pk = await aKey(ctx, project.id, "client");
    const sk = await aKey(ctx, project.id, "admin");
    session.user = { id: userId, email, name: "Owner" };
    const shown = await revealKeyAction(null, { projectSlug: project.slug, id: pk.key.id });
    expect(shown).toMatchObject({ ok: true, data: { secret: pk.secret } });
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "key.revealed" } })).toBe(1);
    const refused = await revealKeyAction(null, { projectSlug: project.slug, id: sk.key.id });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});

describe("custom keys", () => {
  it("stores only the levels above none and verifies with them", async () => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    const result = await createKeyAction(
      null,
      form({ projectSlug: project.slug, name: "Campaign bot", role: "custom", scope: "all", "permissions.campaigns": "read_write", "permissions.users": "none" }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.secret).toMatch(/^lk_sk_/);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: result.data.id }, select: { role: true, kind: true, permissions: true } });
    expect(row).toEqual({ role: "custom", kind: "sk", permissions: JSON.stringify({ campaigns: "read_write" }) });
  });

  it("refuses a custom key with no permission and an unknown level", async () => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    const empty = await createKeyAction(null, form({ projectSlug: project.slug, role: "custom", scope: "all", "permissions.users": "none" }));
    expect(empty).toMatchObject({ ok: false, error: { fieldErrors: { permissions: ["Give a Custom key at least one permission."] } } });
    const bad = await createKeyAction(null, form({ projectSlug: project.slug, role: "custom", scope: "all", "permissions.users": "admin" }));
    expect(bad.ok).toBe(false);
    const foreign = await createKeyAction(null, form({ projectSlug: project.slug, role: "custom", scope: "all", "permissions.keys": "read" }));
    expect(foreign.ok).toBe(false);
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("rotate action", () => {
  it("refuses a grace period that is not one of the five, changing nothing", async () => {
    const { project, ctx, userId, email } = await aProject();
    const { key } = await aKey(ctx, project.id, "support");
    session.user = { id: userId, email, name: "Owner" };
    const { rotateKeyAction } = await import("./actions");
    const result = await rotateKeyAction(null, { projectSlug: project.slug, id: key.id, grace: "3d" });
    expect(result).toMatchObject({ ok: false, error: { code: "validation_failed" } });
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(1);
    session.user = await aMember(project.id, "viewer");
    const viewer = await rotateKeyAction(null, { projectSlug: project.slug, id: key.id, grace: "1h" });
    expect(viewer).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(1);
  });
});

describe("conflict-safe edits (SPEC §6)", () => {
  // The Edit form sends the version it was opened at and only the fields the person changed.
  async function aKeyOpenedInTheEditForm() {
    const { project, ctx, userId, email } = await aProject();
    const { key } = await aKey(ctx, project.id, "support", { name: "Checkout", rateLimit: 60 });
    const owner = { id: userId, email, name: "Owner" };
    session.user = owner;
    const { version } = await db().apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { version: true } });
    return { project, key, owner, version: String(version) };
  }
  const stored = (id: string) => db().apiKey.findUniqueOrThrow({ where: { id }, select: { name: true, description: true, role: true, scope: true, rateLimit: true, version: true } });

  it("refuses a save over a change made since the form was opened, naming who changed it and when, and changes nothing", async () => {
    const { project, key, owner, version } = await aKeyOpenedInTheEditForm();
    const other = await aMember(project.id, "admin");
    session.user = other;
    expect(await updateKeyAction(null, form({ projectSlug: project.slug, id: key.id, version, name: "Renamed elsewhere" }))).toMatchObject({ ok: true });
    const afterOther = await stored(key.id);

    session.user = owner;
    const stale = await updateKeyAction(null, form({ projectSlug: project.slug, id: key.id, version, rateLimit: "30" }));
    expect(stale).toMatchObject({ ok: false, error: { code: "precondition_failed", conflict: { by: other.email } } });
    if (stale.ok) return;
    expect(stale.error.message).toMatch(/^This key changed since you opened it/);
    expect(stale.error.message).toContain(other.email);
    expect(Math.abs(Date.now() - Date.parse(stale.error.conflict!.at!))).toBeLessThan(60_000);
    expect(await stored(key.id)).toEqual(afterOther);
  });

  it("saves a form opened at the key's current version, and Reload reads the key's current values", async () => {
    const { project, key, version } = await aKeyOpenedInTheEditForm();
    const saved = await updateKeyAction(null, form({ projectSlug: project.slug, id: key.id, version, name: "Checkout v2", role: "editor" }));
    expect(saved).toMatchObject({ ok: true, data: { changed: true, version: Number(version) + 1 } });
    expect(await stored(key.id)).toMatchObject({ name: "Checkout v2", role: "editor", rateLimit: 60, version: Number(version) + 1 });
    const reloaded = await currentKeyAction(null, { projectSlug: project.slug, id: key.id });
    expect(reloaded).toMatchObject({ ok: true, data: { name: "Checkout v2", role: "editor", rateLimit: 60, version: Number(version) + 1 } });
  });

  it("writes only the fields the form changed", async () => {
    const { project, key, version } = await aKeyOpenedInTheEditForm();
    const before = await stored(key.id);
    expect(await updateKeyAction(null, form({ projectSlug: project.slug, id: key.id, version, rateLimit: "30" }))).toMatchObject({ ok: true });
    expect(await stored(key.id)).toEqual({ ...before, rateLimit: 30, version: before.version + 1 });
    const entry = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "key.updated" } });
    expect(JSON.parse(entry.changes!)).toEqual({ rateLimit: { from: 60, to: 30 } });
  });

  it("refuses tab A's rate-limit-only save after tab B renamed the key and made it Editor, keeping B's name and role", async () => {
    const { project, key, version } = await aKeyOpenedInTheEditForm();
    const tabB = await updateKeyAction(null, form({ projectSlug: project.slug, id: key.id, version, name: "Renamed by B", role: "editor" }));
    expect(tabB).toMatchObject({ ok: true });
    const tabA = await updateKeyAction(null, form({ projectSlug: project.slug, id: key.id, version, rateLimit: "30" }));
    expect(tabA).toMatchObject({ ok: false, error: { code: "precondition_failed" } });
    expect(await stored(key.id)).toMatchObject({ name: "Renamed by B", role: "editor", rateLimit: 60 });
  });

  it("treats a changed channel list left empty as empty, not as unchanged", async () => {
    const { project, ctx, userId, email } = await aProject();
    const news = await aChannel(ctx, project.id, "news");
    const { key } = await aKey(ctx, project.id, "editor", { scope: "channels", channels: [news.id] });
    session.user = { id: userId, email, name: "Owner" };
    const { version } = await stored(key.id);
    const emptied = await updateKeyAction(null, form({ projectSlug: project.slug, id: key.id, version: String(version), channels: "" }));
    expect(emptied).toMatchObject({ ok: false, error: { fieldErrors: { channels: ["Choose at least one channel, or scope the key to all recipients."] } } });
  });
});

describe("disable and enable actions", () => {
  const state = (id: string) => db().apiKey.findUniqueOrThrow({ where: { id }, select: { disabledAt: true, revokedAt: true } });
  const entries = (projectId: string) => db().auditEntry.findMany({ where: { projectId, action: { in: ["key.disabled", "key.enabled"] } }, orderBy: { createdAt: "asc" } });

  it("refuses a viewer who calls Disable or Enable directly, and changes nothing", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "support");
    const { key: off } = await aKey(ctx, project.id, "support");
    await db().apiKey.update({ where: { id: off.id }, data: { disabledAt: new Date() } });
    session.user = await aMember(project.id, "viewer");
    const { disableKeyAction, enableKeyAction } = await import("./actions");
    expect(await disableKeyAction(null, { projectSlug: project.slug, id: key.id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await enableKeyAction(null, { projectSlug: project.slug, id: off.id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await state(key.id)).disabledAt).toBeNull();
    expect((await state(off.id)).disabledAt).not.toBeNull();
    expect(await entries(project.id)).toEqual([]);
  });

  it("disables a key for an admin with an audit entry naming them, and enables it again", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "support", { name: "Worker" });
    const admin = await aMember(project.id, "admin");
    session.user = admin;
    const { disableKeyAction, enableKeyAction } = await import("./actions");

    expect(await disableKeyAction(null, { projectSlug: project.slug, id: key.id })).toMatchObject({ ok: true, data: { id: key.id, changed: true } });
    expect((await state(key.id)).disabledAt).not.toBeNull();
    const [disabled] = await entries(project.id);
    expect(disabled).toMatchObject({ action: "key.disabled", actorType: "user", actorId: admin.id, targetId: key.id, targetLabel: "Worker" });

    expect(await enableKeyAction(null, { projectSlug: project.slug, id: key.id })).toMatchObject({ ok: true, data: { id: key.id, changed: true } });
    expect((await state(key.id)).disabledAt).toBeNull();
    expect((await entries(project.id)).map((e) => e.action)).toEqual(["key.disabled", "key.enabled"]);
  });

  it("refuses to disable a revoked key, with the service's message", async () => {
    const { project, ctx, userId, email } = await aProject();
    const { key } = await aKey(ctx, project.id, "support");
    await db().apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    session.user = { id: userId, email, name: "Owner" };
    const { disableKeyAction } = await import("./actions");
    expect(await disableKeyAction(null, { projectSlug: project.slug, id: key.id })).toMatchObject({
      ok: false,
      error: { code: "conflict", message: "This key is revoked; create a new key instead." },
    });
    expect((await state(key.id)).disabledAt).toBeNull();
  });
});
