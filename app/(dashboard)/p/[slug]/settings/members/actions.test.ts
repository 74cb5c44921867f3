import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { aMember, aProject } from "@/lib/testing/fixtures";
import type { SessionUser } from "@/lib/auth/session";

// The server actions are public POST endpoints: these tests call them directly, as a forged
// request would, with the session of whoever the test says is signed in.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requestMeta: async () => ({ ip: "198.51.100.4", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// In sudo mode throughout; app/(dashboard)/sensitive-acts.test.ts covers owner changes without it.
vi.mock("@/lib/auth/sudo", () => ({ requireFreshAuth: async () => {}, hasFreshAuth: async () => true }));

const { addMemberAction, changeMemberRoleAction, removeMemberAction, cancelInvitationAction, copyInvitationLinkAction, resendInvitationAction } = await import("./actions");

async function snapshot(projectId: string) {
  const [memberships, invitations, audit] = await Promise.all([
    db().membership.findMany({ where: { projectId }, orderBy: { id: "asc" }, select: { id: true, role: true } }),
    db().invitation.findMany({ where: { projectId }, orderBy: { id: "asc" }, select: { id: true, role: true } }),
    db().auditEntry.count({ where: { projectId } }),
  ]);
  return { memberships, invitations, audit };
}

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

beforeEach(() => {
  session.user = null;
});

describe("member server actions", () => {
  it("refuses a viewer who calls the mutating actions directly, and changes nothing", async () => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    const invited = await addMemberAction(null, form({ projectSlug: project.slug, email: "pending@example.com", role: "viewer" }));
    expect(invited.ok).toBe(true);
    const invitationId = invited.ok ? invited.data.id : "";
    const owner = await db().membership.findFirstOrThrow({ where: { projectId: project.id, userId } });

    session.user = await aMember(project.id, "viewer");
    const before = await snapshot(project.id);
    const results = await Promise.all([
      addMemberAction(null, form({ projectSlug: project.slug, email: "sneaky@example.com", role: "admin" })),
      changeMemberRoleAction(null, { projectSlug: project.slug, id: owner.id, role: "viewer" }),
      removeMemberAction(null, { projectSlug: project.slug, id: owner.id }),
      cancelInvitationAction(null, { projectSlug: project.slug, id: invitationId }),
      copyInvitationLinkAction(null, { projectSlug: project.slug, id: invitationId }),
      resendInvitationAction(null, { projectSlug: project.slug, id: invitationId }),
    ]);
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await snapshot(project.id)).toEqual(before);
  });

  it("puts an unknown role and a duplicate e-mail under their fields, and the last-owner refusal in the message", async () => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    const before = await snapshot(project.id);

    const unknownRole = await addMemberAction(null, form({ projectSlug: project.slug, email: "someone@example.com", role: "superuser" }));
    expect(unknownRole).toMatchObject({ ok: false, error: { code: "validation_failed", fieldErrors: { role: ["Choose owner, admin or viewer."] } } });
    const duplicate = await addMemberAction(null, form({ projectSlug: project.slug, email: email.toUpperCase(), role: "viewer" }));
    expect(duplicate).toMatchObject({ ok: false, error: { code: "conflict", fieldErrors: { email: [`${email} is already a member of this project.`] } } });

    const owner = await db().membership.findFirstOrThrow({ where: { projectId: project.id, userId } });
    const demotion = await changeMemberRoleAction(null, form({ projectSlug: project.slug, id: owner.id, role: "admin" }));
    expect(demotion).toMatchObject({ ok: false, error: { code: "conflict", message: "A project needs at least one owner. Make someone else an owner first." } });
    expect(await snapshot(project.id)).toEqual(before);
  });

  it("gives an owner the invite link, and a resend makes the copied link stale", async () => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    const invited = await addMemberAction(null, form({ projectSlug: project.slug, email: "linked@example.com", role: "admin" }));
    const id = invited.ok ? invited.data.id : "";
    const first = await copyInvitationLinkAction(null, form({ projectSlug: project.slug, id }));
    expect(first).toMatchObject({ ok: true, data: { link: expect.stringMatching(/\/invite\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/) } });
    expect(await resendInvitationAction(null, form({ projectSlug: project.slug, id }))).toMatchObject({ ok: true });
    const second = await copyInvitationLinkAction(null, form({ projectSlug: project.slug, id }));
    expect(second.ok && first.ok && second.data.link !== first.data.link).toBe(true);
  });

  it("treats another project's membership as not found", async () => {
    const a = await aProject("Project A");
    const b = await aProject("Project B");
    const theirs = await db().membership.findFirstOrThrow({ where: { projectId: b.project.id } });
    session.user = { id: a.userId, email: a.email, name: "Owner" };
    const before = await snapshot(b.project.id);
    expect(await removeMemberAction(null, { projectSlug: a.project.slug, id: theirs.id })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await removeMemberAction(null, { projectSlug: b.project.slug, id: theirs.id })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await snapshot(b.project.id)).toEqual(before);
  });
});

describe("the Change role form is conflict-safe (SPEC §6)", () => {
  it("refuses a role change over one made since the form was opened, naming who made it, and keeps that role", async () => {
    const { project, userId, email } = await aProject();
    const member = await aMember(project.id, "admin");
    const { id } = await db().membership.findFirstOrThrow({ where: { projectId: project.id, userId: member.id }, select: { id: true } });
    const other = await aMember(project.id, "owner");
    session.user = other;
    expect(await changeMemberRoleAction(null, form({ projectSlug: project.slug, id, from: "admin", role: "viewer" }))).toMatchObject({ ok: true });

    // The owner's form was opened while the member was still an admin.
    session.user = { id: userId, email, name: "Owner" };
    const stale = await changeMemberRoleAction(null, form({ projectSlug: project.slug, id, from: "admin", role: "owner" }));
    expect(stale).toMatchObject({ ok: false, error: { code: "precondition_failed", conflict: { by: other.email } } });
    if (!stale.ok) expect(stale.error.message).toMatch(/^This member changed since you opened it/);
    expect(await db().membership.findUniqueOrThrow({ where: { id }, select: { role: true } })).toEqual({ role: "viewer" });

    const { currentMemberAction } = await import("./actions");
    expect(await currentMemberAction(null, { projectSlug: project.slug, id })).toMatchObject({ ok: true, data: { id, role: "viewer" } });
    expect(await changeMemberRoleAction(null, form({ projectSlug: project.slug, id, from: "viewer", role: "owner" }))).toMatchObject({ ok: true });
  });
});
