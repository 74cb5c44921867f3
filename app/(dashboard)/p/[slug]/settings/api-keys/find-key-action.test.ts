import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { checksum, generateKey } from "@/lib/keys/format";
import { aKey, aMember, aProject } from "@/lib/testing/fixtures";
import type { SessionUser } from "@/lib/auth/session";
import { lastChangeOf } from "@/lib/edit-conflict";

// "Find a key" (issue 14): a pasted key is identified by its hash, in the caller's project only.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requestMeta: async () => ({ ip: "198.51.100.4", userAgent: "vitest" }),
}));

const { identifyKeyAction } = await import("./find-key-action");

const NO_MATCH = { ok: false, error: { code: "not_found", message: expect.stringMatching(/^No key of this project matches/) } };

const auditOf = (projectId: string) =>
  db().auditEntry.findMany({
    where: { projectId },
    orderBy: { createdAt: "asc" },
    select: { action: true, actorId: true, targetType: true, targetId: true, targetLabel: true, changes: true, ip: true },
  });

beforeEach(() => {
  session.user = null;
});

describe("identifyKeyAction", () => {
  it("finds a key of the project by its full secret, and audits it with the preview only", async () => {
    const { project, ctx, userId, email } = await aProject();
    await aKey(ctx, project.id, "client", { name: "Other" });
    const { key, secret } = await aKey(ctx, project.id, "editor", { name: "Leaked worker" });
    session.user = { id: userId, email, name: "Owner" };

    const result = await identifyKeyAction(null, { projectSlug: project.slug, key: `  ${secret}\n` });
    expect(result).toEqual({ ok: true, data: { id: key.id } });

    const entries = await auditOf(project.id);
    const identified = entries.filter((e) => e.action === "key.identified");
    expect(identified).toEqual([
      { action: "key.identified", actorId: userId, targetType: "api_key", targetId: key.id, targetLabel: "Leaked worker", changes: JSON.stringify({ preview: key.preview }), ip: "198.51.100.4" },
    ]);
    const everything = JSON.stringify(await db().auditEntry.findMany({ where: { projectId: project.id } }));
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.slice(6, 38));
  });

  it("is a reading, not a change: an edit conflict still names who last changed the key", async () => {
    const { project, ctx, email } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "editor");
    const viewer = await aMember(project.id, "viewer");
    session.user = viewer;
    await identifyKeyAction(null, { projectSlug: project.slug, key: secret });
    expect(await lastChangeOf(project.id, { type: "api_key", id: key.id })).toMatchObject({ by: email });
  });

  it("answers a very long paste like any other non-key", async () => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    expect(await identifyKeyAction(null, { projectSlug: project.slug, key: "lk_sk_".padEnd(5000, "x") })).toEqual(NO_MATCH);
  });

  it("identifies a revoked key too (a leaked key may already be revoked)", async () => {
    const { project, ctx, userId, email } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "editor");
    await db().apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    session.user = { id: userId, email, name: "Owner" };
    expect(await identifyKeyAction(null, { projectSlug: project.slug, key: secret })).toEqual({ ok: true, data: { id: key.id } });
  });

  it("answers another project's key, an unknown key, a bad checksum and a non-key alike, and writes nothing", async () => {
    const a = await aProject("Project A");
    const b = await aProject("Project B");
    const { secret: foreign } = await aKey(b.ctx, b.project.id, "admin");
    const { secret: own } = await aKey(a.ctx, a.project.id, "admin");
    session.user = { id: a.userId, email: a.email, name: "Owner" };
    const head = own.slice(0, -6);
    const last = own.at(-1) === "a" ? "b" : "a";
    const unknown = generateKey("sk");
    const candidates = [foreign, unknown, `${own.slice(0, -1)}${last}`, `${head.slice(0, -1)}${head.at(-1) === "a" ? "b" : "a"}${checksum(head)}`, "lk_sk_…X7aQ", "hello", ""];
    const before = { a: await auditOf(a.project.id), b: await auditOf(b.project.id) };
    for (const key of candidates) {
      expect(await identifyKeyAction(null, { projectSlug: a.project.slug, key }), key).toEqual(NO_MATCH);
    }
    expect({ a: await auditOf(a.project.id), b: await auditOf(b.project.id) }).toEqual(before);
  });

  it("lets a viewer identify a key: it shows nothing a viewer cannot already see, and is audited as theirs", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "editor");
    const viewer = await aMember(project.id, "viewer");
    session.user = viewer;
    expect(await identifyKeyAction(null, { projectSlug: project.slug, key: secret })).toEqual({ ok: true, data: { id: key.id } });
    const [entry] = (await auditOf(project.id)).filter((e) => e.action === "key.identified");
    expect(entry).toMatchObject({ actorId: viewer.id, targetId: key.id });
  });

  it("refuses a signed-out caller and a non-member, without saying whether the key exists", async () => {
    const a = await aProject("Project A");
    const b = await aProject("Project B");
    const { secret } = await aKey(b.ctx, b.project.id, "editor");
    expect(await identifyKeyAction(null, { projectSlug: b.project.slug, key: secret })).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    session.user = { id: a.userId, email: a.email, name: "Owner" };
    expect(await identifyKeyAction(null, { projectSlug: b.project.slug, key: secret })).toMatchObject({ ok: false, error: { code: "not_found", message: "Project not found." } });
    expect((await auditOf(b.project.id)).filter((e) => e.action === "key.identified")).toEqual([]);
  });
});
