import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setClockOffsetForTests } from "@/lib/clock";
import { aKey, aMember, aProject } from "@/lib/testing/fixtures";
import { enrol, pinClockToStepStart } from "@/lib/testing/two-factor";
import { setRevealSecretKeys } from "@/lib/projects/service";
import type { SessionUser } from "@/lib/auth/session";

// Sudo mode (SPEC §13) at the server actions, called directly as a forged request would: each
// sensitive act answers reauthentication_required and changes nothing until the caller has
// confirmed it's them within the last 10 minutes.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requestMeta: async () => ({ ip: "198.51.100.40", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined), set: (name: string, value: string) => jar.set(name, value) }),
}));

const keys = await import("./p/[slug]/settings/api-keys/actions");
const members = await import("./p/[slug]/settings/members/actions");
const security = await import("./p/[slug]/settings/security/actions");
const account = await import("./account/two-factor/actions");
const { confirmIdentityAction } = await import("./_components/confirm-identity/actions");

const PASSWORD = "correct horse battery";
const REAUTH = { ok: false, error: { code: "reauthentication_required", message: "Confirm it's you to continue." } };

beforeEach(() => {
  jar.clear();
  session.user = null;
  pinClockToStepStart();
});
afterEach(() => setClockOffsetForTests(0));

async function asOwner() {
  const team = await aProject("Sensitive Co");
  session.user = { id: team.userId, email: team.email, name: "Owner" };
  return team;
}
const confirmWithPassword = async () => expect(await confirmIdentityAction(null, { password: PASSWORD })).toMatchObject({ ok: true });
const auditCount = (projectId: string, action: string) => db().auditEntry.count({ where: { projectId, action } });

describe("sensitive acts need a fresh re-authentication", () => {
  it("copying or resending an owner invitation's link: refused until the owner confirms it's them; a viewer's needs none", async () => {
    const { project } = await asOwner();
    await confirmWithPassword();
    const owner = await members.addMemberAction(null, { projectSlug: project.slug, email: "next-owner@example.com", role: "owner" });
    const viewer = await members.addMemberAction(null, { projectSlug: project.slug, email: "next-viewer@example.com", role: "viewer" });
    if (!owner.ok || !viewer.ok) throw new Error("could not invite");
    jar.clear();
    const copies = () => auditCount(project.id, "invitation.link_copied");
    expect(await members.copyInvitationLinkAction(null, { projectSlug: project.slug, id: owner.data.id })).toEqual(REAUTH);
    expect(await members.resendInvitationAction(null, { projectSlug: project.slug, id: owner.data.id })).toEqual(REAUTH);
    expect(await copies()).toBe(0);
    expect(await members.copyInvitationLinkAction(null, { projectSlug: project.slug, id: viewer.data.id })).toMatchObject({ ok: true });
    await confirmWithPassword();
    expect(await members.copyInvitationLinkAction(null, { projectSlug: project.slug, id: owner.data.id })).toMatchObject({ ok: true, data: { link: expect.stringContaining("/invite/") } });
    expect(await copies()).toBe(2);
  });

  it("revealing a secret key: refused until the owner confirms it's them, then shown (a publishable key needs none)", async () => {
    const { project, ctx } = await asOwner();
    await setRevealSecretKeys(project.id, true, ctx);
    const sk = await aKey(ctx, project.id, "admin");
    const pk = await aKey(ctx, project.id, "client");
    expect(await keys.revealKeyAction(null, { projectSlug: project.slug, id: pk.key.id })).toMatchObject({ ok: true, data: { secret: pk.secret } });
    expect(await keys.revealKeyAction(null, { projectSlug: project.slug, id: sk.key.id })).toEqual(REAUTH);
    expect(await auditCount(project.id, "key.revealed")).toBe(1);
    expect(await confirmIdentityAction(null, { password: "not mine" })).toMatchObject({ ok: false, error: { fieldErrors: { password: ["That password is not right."] } } });
    expect(await keys.revealKeyAction(null, { projectSlug: project.slug, id: sk.key.id })).toEqual(REAUTH);
    await confirmWithPassword();
    expect(await keys.revealKeyAction(null, { projectSlug: project.slug, id: sk.key.id })).toMatchObject({ ok: true, data: { secret: sk.secret } });
  });

  it("changing the reveal policy", async () => {
    const { project } = await asOwner();
    expect(await keys.setRevealSecretKeysAction(null, { projectSlug: project.slug, revealSecretKeys: "on" })).toEqual(REAUTH);
    expect((await db().project.findUniqueOrThrow({ where: { id: project.id } })).revealSecretKeys).toBe(false);
    await confirmWithPassword();
    expect(await keys.setRevealSecretKeysAction(null, { projectSlug: project.slug, revealSecretKeys: "on" })).toMatchObject({ ok: true });
  });

  it("adding, changing or removing an owner, but not other member changes; an admin is refused, not asked", async () => {
    const { project, userId } = await asOwner();
    const admin = await aMember(project.id, "admin");
    const otherOwner = await aMember(project.id, "owner");
    const newcomer = await aMember((await aProject("Other")).project.id, "viewer");
    const membershipOf = (id: string) => db().membership.findFirstOrThrow({ where: { projectId: project.id, userId: id } });
    const adminRow = await membershipOf(admin.id);
    const ownerRow = await membershipOf(otherOwner.id);

    expect(await members.addMemberAction(null, { projectSlug: project.slug, email: newcomer.email, role: "owner" })).toEqual(REAUTH);
    expect(await members.changeMemberRoleAction(null, { projectSlug: project.slug, id: adminRow.id, role: "owner" })).toEqual(REAUTH);
    expect(await members.changeMemberRoleAction(null, { projectSlug: project.slug, id: ownerRow.id, role: "viewer" })).toEqual(REAUTH);
    expect(await members.removeMemberAction(null, { projectSlug: project.slug, id: ownerRow.id })).toEqual(REAUTH);
    expect(await db().membership.findMany({ where: { projectId: project.id }, orderBy: { role: "asc" }, select: { userId: true, role: true } })).toHaveLength(3);
    expect((await membershipOf(admin.id)).role).toBe("admin");
    expect((await membershipOf(otherOwner.id)).role).toBe("owner");
    // Not about an owner: no confirmation needed.
    expect(await members.changeMemberRoleAction(null, { projectSlug: project.slug, id: adminRow.id, role: "viewer" })).toMatchObject({ ok: true });

    session.user = admin;
    expect(await members.changeMemberRoleAction(null, { projectSlug: project.slug, id: ownerRow.id, role: "viewer" })).toMatchObject({ ok: false, error: { code: "forbidden" } });

    session.user = { id: userId, email: (await db().user.findUniqueOrThrow({ where: { id: userId } })).email, name: "Owner" };
    await confirmWithPassword();
    expect(await members.changeMemberRoleAction(null, { projectSlug: project.slug, id: ownerRow.id, role: "admin" })).toMatchObject({ ok: true, data: { changed: true } });
  });

  it("turning the project's two-factor requirement on or off, which also needs the owner's own two-factor, and is audited", async () => {
    const { project, userId } = await asOwner();
    const on = { projectSlug: project.slug, requireTwoFactor: "on" };
    expect(await security.setRequireTwoFactorAction(null, on)).toEqual(REAUTH);
    await confirmWithPassword();
    expect(await security.setRequireTwoFactorAction(null, on)).toMatchObject({ ok: false, error: { code: "conflict", message: "Turn on two-factor sign-in for your own account first." } });
    await enrol(userId);
    expect(await security.setRequireTwoFactorAction(null, on)).toMatchObject({ ok: true, data: { changed: true } });
    const entry = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "project.updated" } });
    expect(JSON.parse(entry.changes!)).toEqual({ requireTwoFactor: { from: false, to: true } });
    jar.clear();
    expect(await security.setRequireTwoFactorAction(null, { projectSlug: project.slug, requireTwoFactor: "off" })).toEqual(REAUTH);
    expect((await db().project.findUniqueOrThrow({ where: { id: project.id } })).requireTwoFactor).toBe(true);
  });

  it("only an owner may switch the requirement", async () => {
    const { project } = await asOwner();
    const admin = await aMember(project.id, "admin");
    session.user = admin;
    expect(await security.setRequireTwoFactorAction(null, { projectSlug: project.slug, requireTwoFactor: "on" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("setting up two-factor, new recovery codes and turning it off", async () => {
    const { userId } = await asOwner();
    expect(await account.beginEnrolmentAction(null, {})).toEqual(REAUTH);
    await confirmWithPassword();
    const begun = await account.beginEnrolmentAction(null, {});
    expect(begun).toMatchObject({ ok: true, data: { secret: expect.stringMatching(/^[A-Z2-7]{32}$/), qrCode: expect.stringMatching(/^data:image\/svg\+xml;base64,/) } });
    jar.clear();
    await enrol(userId);
    expect(await account.regenerateRecoveryCodesAction(null, {})).toEqual(REAUTH);
    expect(await account.disableTwoFactorAction(null, {})).toEqual(REAUTH);
    // With two-factor on, the password no longer confirms it's you: a code does.
    expect(await confirmIdentityAction(null, { password: PASSWORD })).toMatchObject({ ok: false, error: { fieldErrors: { code: expect.any(Array) } } });
    expect(await account.disableTwoFactorAction(null, {})).toEqual(REAUTH);
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).totpEnabledAt).not.toBeNull();
  });
});
