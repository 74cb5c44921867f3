import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aMember, aProject, meta, refusal } from "@/lib/testing/fixtures";
import { signUp } from "@/lib/users/service";
import { signUpSchema } from "@/lib/users/schemas";
import type { AuditContext } from "@/lib/audit/record";
import { addMember, cancelInvitation, changeMemberRole, removeMember } from "./service";
import { addMemberSchema, changeMemberRoleSchema } from "./schemas";
import { listMembers } from "./queries";
import { createProject } from "@/lib/projects/service";
import { setClockOffsetForTests } from "@/lib/clock";
import { HOURLY_CAPS } from "@/lib/hourly-caps";
import { invitationLink, signUpFromInvitation } from "@/lib/invitations/service";

const everything = async (projectId: string) => ({
  memberships: await db().membership.findMany({ where: { projectId }, orderBy: { id: "asc" }, select: { id: true, userId: true, role: true } }),
  invitations: await db().invitation.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
  audit: await db().auditEntry.count({ where: { projectId } }),
  mail: await db().mail.count(),
  version: (await db().project.findUniqueOrThrow({ where: { id: projectId } })).version,
});

const ctxOf = (user: { id: string; email: string }): AuditContext => ({ actor: { type: "user", id: user.id, label: user.email }, meta });
const membershipOf = (userId: string, projectId: string) => db().membership.findUniqueOrThrow({ where: { userId_projectId: { userId, projectId } } });
const ownerCount = (projectId: string) => db().membership.count({ where: { projectId, role: "owner" } });

/** A project with its owner as the caller, ready for the member functions. */
async function anOwnedProject() {
  const owned = await aProject();
  const caller = { userId: owned.userId };
  const ownMembership = await membershipOf(owned.userId, owned.project.id);
  return { ...owned, caller, ownMembership };
}

describe("adding members", () => {
  it("adds a person who has an account as a member with the chosen role, audits it and e-mails them only", async () => {
    const { project, ctx, caller, email: ownerEmail } = await anOwnedProject();
    const { secret } = await aKey(ctx, project.id, "admin");
    const mailBefore = await db().mail.count();
    const other = await aProject("Their own");

    const added = await addMember(project.id, addMemberSchema.parse({ email: `  ${other.email.toUpperCase()} `, role: "admin" }), ctx, caller);

    expect(added.kind).toBe("member");
    expect(await membershipOf(other.userId, project.id)).toMatchObject({ id: added.id, role: "admin" });
    const entry = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "member.added" } });
    expect(entry).toMatchObject({ targetType: "member", targetId: added.id, targetLabel: other.email, actorLabel: ownerEmail });
    expect(JSON.parse(entry.changes ?? "{}")).toEqual({ role: "admin" });
    const mail = await db().mail.findMany({ orderBy: { createdAt: "asc" }, skip: mailBefore });
    expect(mail.map((m) => m.recipient)).toEqual([other.email]);
    expect(mail[0].subject).not.toContain("Acme");
    expect(mail[0].body).toContain('"Acme"');
    expect(mail[0].body).toContain(`/p/${project.slug}/settings/api-keys`);
    expect(mail[0].body).not.toContain(secret);
    expect(mail[0].body).not.toMatch(/lk_[ps]k_|\$2[aby]\$/);

    const { members } = await listMembers(project.id);
    expect(members.map((m) => [m.email, m.role])).toEqual([
      [ownerEmail, "owner"],
      [other.email, "admin"],
    ]);
  });

  it("invites an unknown e-mail with a link in the mail; signing up with that e-mail grants no membership", async () => {
    const { project, ctx, caller } = await anOwnedProject();
    const email = `newcomer-${project.id}@example.com`;
    const invited = await addMember(project.id, addMemberSchema.parse({ email, role: "admin" }), ctx, caller);
    expect(invited.kind).toBe("invitation");
    expect((await listMembers(project.id)).invitations).toEqual([expect.objectContaining({ id: invited.id, email, role: "admin" })]);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "member.invited", targetLabel: email } })).toBe(1);
    const mail = await db().mail.findFirstOrThrow({ where: { recipient: email } });
    expect(mail.body).toMatch(/\/invite\/[A-Za-z0-9_.-]+/);
    expect(mail.body).not.toMatch(/lk_[ps]k_/);

    // Finding #2: a stranger who signs up with the invited address does not get the invitation.
    const { userId, projectSlug } = await signUp(signUpSchema.parse({ name: "Stranger", email, password: "correct horse battery", projectName: "Mine" }), meta);

    expect(await db().membership.findUnique({ where: { userId_projectId: { userId, projectId: project.id } } })).toBeNull();
    expect(await db().invitation.count({ where: { projectId: project.id, email } })).toBe(1);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "member.joined" } })).toBe(0);
    const own = await db().project.findUniqueOrThrow({ where: { slug: projectSlug } });
    expect(await db().membership.findMany({ where: { userId }, select: { projectId: true, role: true } })).toEqual([{ projectId: own.id, role: "owner" }]);
  });

  it("never adds directly an account made from another project's copied invite link: it gets this project's own link instead", async () => {
    // Red-team finding: an attacker invites a colleague's address into their own project, copies the
    // link and signs up from it; when the colleague's real project later adds that address, the
    // attacker must not land in it.
    const attacker = await anOwnedProject();
    const victimEmail = `newhire-${attacker.project.id}@corp.test`;
    const lure = await addMember(attacker.project.id, addMemberSchema.parse({ email: victimEmail, role: "viewer" }), attacker.ctx, attacker.caller);
    const { link } = await invitationLink(attacker.project.id, { id: lure.id }, attacker.ctx, attacker.caller);
    const squatted = await signUpFromInvitation({ token: link.split("/invite/")[1], name: "Not The Hire", password: "quartz ladder emerald 7 orbit" }, meta);
    expect(squatted.email).toBe(victimEmail);
    const squatter = await db().user.findUniqueOrThrow({ where: { email: victimEmail } });

    const corp = await anOwnedProject();
    const added = await addMember(corp.project.id, addMemberSchema.parse({ email: victimEmail, role: "admin" }), corp.ctx, corp.caller);
    expect(added.kind).toBe("invitation");
    expect(await db().membership.findUnique({ where: { userId_projectId: { userId: squatter.id, projectId: corp.project.id } } })).toBeNull();
    // The link goes to the address, where the squatter cannot read it.
    expect((await db().mail.findFirstOrThrow({ where: { recipient: victimEmail, body: { contains: "/invite/" } }, orderBy: { createdAt: "desc" } })).body).not.toContain(link);
  });

  it(`refuses the invitation after ${HOURLY_CAPS.invitations} in an hour by one inviter, across projects and cancellations, and changes nothing`, async () => {
    const { project, ctx, caller, userId } = await anOwnedProject();
    const second = await createProject(userId, "Second", ctx);
    const invite = (projectId: string, i: number) => addMember(projectId, { email: `cap-${i}-${projectId}@example.com`, role: "viewer" }, ctx, caller);
    const half = Math.floor(HOURLY_CAPS.invitations / 2);
    for (let i = 0; i < half; i++) {
      const sent = await invite(project.id, i);
      // Cancelling does not give the slot back: the mail has gone out.
      await cancelInvitation(project.id, { id: sent.id }, ctx, caller);
    }
    for (let i = half; i < HOURLY_CAPS.invitations; i++) await invite(second.id, i);
    const before = { a: await everything(project.id), b: await everything(second.id) };

    const refused = await refusal(invite(project.id, 99));
    expect(refused.code).toBe("rate_limited");
    expect(refused.message).toMatch(/invitations/i);
    // An existing account added directly gets a mail too, so it counts as well.
    const other = await aProject("Theirs");
    expect((await refusal(addMember(project.id, { email: other.email, role: "viewer" }, ctx, caller))).code).toBe("rate_limited");
    expect({ a: await everything(project.id), b: await everything(second.id) }).toEqual(before);

    // Another owner of the same project has their own allowance.
    const colleague = await aMember(project.id, "owner");
    expect((await addMember(project.id, { email: `colleague-${project.id}@example.com`, role: "viewer" }, ctxOf(colleague), { userId: colleague.id })).kind).toBe("invitation");

    setClockOffsetForTests(61 * 60_000);
    try {
      expect((await invite(project.id, 100)).kind).toBe("invitation");
    } finally {
      setClockOffsetForTests(0);
    }
  });

  it("keeps counting invitations and projects after the user leaves the project they made them in", async () => {
    // Red-team finding: the counts went through current memberships, so leaving a project and
    // making a new one started a fresh allowance.
    const { project, ctx, caller, userId, ownMembership } = await anOwnedProject();
    for (let i = 0; i < HOURLY_CAPS.invitations; i++) await addMember(project.id, { email: `left-${i}-${project.id}@example.com`, role: "viewer" }, ctx, caller);
    for (let i = 1; i < HOURLY_CAPS.projects; i++) await createProject(userId, `Extra ${i}`, ctx);
    await aMember(project.id, "owner"); // so the caller is not the last owner and may leave
    await removeMember(project.id, { id: ownMembership.id }, ctx, caller);
    expect(await db().membership.count({ where: { userId, projectId: project.id } })).toBe(0);

    expect((await refusal(createProject(userId, "Fresh start", ctx))).code).toBe("rate_limited");
    const [another] = await db().membership.findMany({ where: { userId }, select: { projectId: true }, take: 1 });
    expect((await refusal(addMember(another.projectId, { email: `after-leaving-${project.id}@example.com`, role: "viewer" }, ctx, caller))).code).toBe("rate_limited");
  });

  it("adding an address that got an account since it was invited makes it a member and drops the pending invitation", async () => {
    const { project, ctx, caller } = await anOwnedProject();
    const email = `later-${project.id}@example.com`;
    await addMember(project.id, { email, role: "viewer" }, ctx, caller);
    const { userId } = await signUp(signUpSchema.parse({ name: "Later", email, password: "correct horse battery", projectName: "Own" }), meta);
    const added = await addMember(project.id, { email, role: "viewer" }, ctx, caller);
    expect(added.kind).toBe("member");
    expect(await membershipOf(userId, project.id)).toMatchObject({ role: "viewer" });
    expect(await db().invitation.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses to add a member twice or invite an e-mail twice, on the email field, and changes nothing", async () => {
    const { project, ctx, caller } = await anOwnedProject();
    const member = await aMember(project.id, "viewer");
    const email = `twice-${project.id}@example.com`;
    await addMember(project.id, { email, role: "viewer" }, ctx, caller);
    const before = await everything(project.id);

    const again = await refusal(addMember(project.id, addMemberSchema.parse({ email: member.email, role: "admin" }), ctx, caller));
    expect(again).toMatchObject({ code: "conflict", field: "email", message: `${member.email} is already a member of this project.` });
    const reinvited = await refusal(addMember(project.id, addMemberSchema.parse({ email: email.toUpperCase(), role: "admin" }), ctx, caller));
    expect(reinvited).toMatchObject({ code: "conflict", field: "email" });
    expect(reinvited.message).toContain("already invited");
    expect(await everything(project.id)).toEqual(before);
  });

  it("refuses an unknown role and a bad e-mail before touching the database", () => {
    const unknown = addMemberSchema.safeParse({ email: "a@example.com", role: "superuser" });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues).toEqual([expect.objectContaining({ path: ["role"], message: "Choose owner, admin or viewer." })]);
    expect(changeMemberRoleSchema.safeParse({ id: "abc", role: "" }).error?.issues[0].message).toBe("Choose owner, admin or viewer.");
    expect(addMemberSchema.safeParse({ email: "not-an-email", role: "viewer" }).error?.issues[0].path).toEqual(["email"]);
  });

  it("lets only an owner grant the owner role", async () => {
    const { project } = await anOwnedProject();
    const admin = await aMember(project.id, "admin");
    const other = await aProject("Other");
    const before = await everything(project.id);
    const error = await refusal(addMember(project.id, { email: other.email, role: "owner" }, ctxOf(admin), { userId: admin.id }));
    expect(error.code).toBe("forbidden");
    expect((await refusal(addMember(project.id, { email: "nobody-yet@example.com", role: "owner" }, ctxOf(admin), { userId: admin.id }))).code).toBe("forbidden");
    expect(await everything(project.id)).toEqual(before);
    await addMember(project.id, { email: other.email, role: "admin" }, ctxOf(admin), { userId: admin.id });
    expect(await membershipOf(other.userId, project.id)).toMatchObject({ role: "admin" });
  });

  it("refuses a viewer or a non-member, even called directly", async () => {
    const { project } = await anOwnedProject();
    const viewer = await aMember(project.id, "viewer");
    const outsider = await aProject("Outside");
    const before = await everything(project.id);
    for (const caller of [{ userId: viewer.id }, { userId: outsider.userId }]) {
      expect((await refusal(addMember(project.id, { email: "x@example.com", role: "viewer" }, outsider.ctx, caller))).code).toBe("forbidden");
    }
    expect(await everything(project.id)).toEqual(before);
  });
});

describe("changing roles and removing members", () => {
  it("changes a role and records the old and new role; the same role again changes and records nothing", async () => {
    const { project, ctx, caller } = await anOwnedProject();
    const member = await aMember(project.id, "viewer");
    const { id } = await membershipOf(member.id, project.id);
    expect(await changeMemberRole(project.id, { id, role: "admin" }, ctx, caller)).toEqual({ id, changed: true });
    expect((await membershipOf(member.id, project.id)).role).toBe("admin");
    const entry = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "member.role_changed" } });
    expect(entry).toMatchObject({ targetId: id, targetLabel: member.email });
    expect(JSON.parse(entry.changes ?? "{}")).toEqual({ role: { from: "viewer", to: "admin" } });

    const audit = await db().auditEntry.count({ where: { projectId: project.id } });
    expect(await changeMemberRole(project.id, { id, role: "admin" }, ctx, caller)).toEqual({ id, changed: false });
    expect(await db().auditEntry.count({ where: { projectId: project.id } })).toBe(audit);
  });

  it("refuses to demote or remove the last owner, changing nothing, and allows it once there is a second owner", async () => {
    const { project, ctx, caller, ownMembership } = await anOwnedProject();
    const before = await everything(project.id);
    for (const attempt of [() => changeMemberRole(project.id, { id: ownMembership.id, role: "admin" }, ctx, caller), () => removeMember(project.id, { id: ownMembership.id }, ctx, caller)]) {
      const error = await refusal(attempt());
      expect(error).toMatchObject({ code: "conflict", message: "A project needs at least one owner. Make someone else an owner first." });
    }
    expect(await everything(project.id)).toEqual(before);

    const second = await aMember(project.id, "admin");
    await changeMemberRole(project.id, { id: (await membershipOf(second.id, project.id)).id, role: "owner" }, ctx, caller);
    await changeMemberRole(project.id, { id: ownMembership.id, role: "viewer" }, ctx, caller);
    expect((await membershipOf(caller.userId, project.id)).role).toBe("viewer");
    expect(await ownerCount(project.id)).toBe(1);
  });

  it("lets an owner leave once another owner exists, and never lets the last one go", async () => {
    const { project, ctx, caller, ownMembership } = await anOwnedProject();
    const second = await aMember(project.id, "owner");
    const secondMembership = await membershipOf(second.id, project.id);
    expect(await removeMember(project.id, { id: ownMembership.id }, ctx, caller)).toEqual({ id: ownMembership.id, self: true });
    expect(await db().membership.findUnique({ where: { id: ownMembership.id } })).toBeNull();
    expect((await refusal(removeMember(project.id, { id: secondMembership.id }, ctxOf(second), { userId: second.id }))).code).toBe("conflict");
    const entry = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "member.removed" } });
    expect(JSON.parse(entry.changes ?? "{}")).toEqual({ role: "owner", left: true });
  });

  it("lets a viewer remove only themselves", async () => {
    const { project } = await anOwnedProject();
    const viewer = await aMember(project.id, "viewer");
    const other = await aMember(project.id, "viewer");
    const otherId = (await membershipOf(other.id, project.id)).id;
    expect((await refusal(removeMember(project.id, { id: otherId }, ctxOf(viewer), { userId: viewer.id }))).code).toBe("forbidden");
    await removeMember(project.id, { id: (await membershipOf(viewer.id, project.id)).id }, ctxOf(viewer), { userId: viewer.id });
    expect(await db().membership.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("keeps an admin away from owners: no promoting to owner, no demoting or removing an owner", async () => {
    const { project, ownMembership } = await anOwnedProject();
    await aMember(project.id, "owner");
    const admin = await aMember(project.id, "admin");
    const viewer = await aMember(project.id, "viewer");
    const viewerId = (await membershipOf(viewer.id, project.id)).id;
    const asAdmin = [ctxOf(admin), { userId: admin.id }] as const;
    const before = await everything(project.id);
    const attempts = [
      () => changeMemberRole(project.id, { id: viewerId, role: "owner" }, ...asAdmin),
      () => changeMemberRole(project.id, { id: ownMembership.id, role: "viewer" }, ...asAdmin),
      () => removeMember(project.id, { id: ownMembership.id }, ...asAdmin),
    ];
    for (const attempt of attempts) expect((await refusal(attempt())).code).toBe("forbidden");
    expect(await everything(project.id)).toMatchObject({ memberships: before.memberships, audit: before.audit });
    await changeMemberRole(project.id, { id: viewerId, role: "admin" }, ...asAdmin);
    expect((await membershipOf(viewer.id, project.id)).role).toBe("admin");
  });

  it("answers not_found for another project's or a forged member or invitation id, and changes nothing", async () => {
    const a = await anOwnedProject();
    const b = await anOwnedProject();
    const invitation = await addMember(b.project.id, { email: `b-${b.project.id}@example.com`, role: "viewer" }, b.ctx, b.caller);
    const before = await everything(b.project.id);
    for (const id of [b.ownMembership.id, "cmforgedmember00000000000"]) {
      expect((await refusal(changeMemberRole(a.project.id, { id, role: "viewer" }, a.ctx, a.caller))).code).toBe("not_found");
      expect((await refusal(removeMember(a.project.id, { id }, a.ctx, a.caller))).code).toBe("not_found");
    }
    for (const id of [invitation.id, b.ownMembership.id]) {
      expect((await refusal(cancelInvitation(a.project.id, { id }, a.ctx, a.caller))).code).toBe("not_found");
    }
    expect(await everything(b.project.id)).toEqual(before);
  });

  it("leaves exactly one owner when the two owners of a project demote each other at the same moment", async () => {
    const { project, ctx, caller, ownMembership } = await anOwnedProject();
    const second = await aMember(project.id, "owner");
    const secondMembership = await membershipOf(second.id, project.id);
    const results = await Promise.allSettled([
      changeMemberRole(project.id, { id: secondMembership.id, role: "admin" }, ctx, caller),
      changeMemberRole(project.id, { id: ownMembership.id, role: "admin" }, ctxOf(second), { userId: second.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await ownerCount(project.id)).toBe(1);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "member.role_changed" } })).toBe(1);
  });

  it("leaves exactly one owner when two owners are removed at the same moment", async () => {
    const { project, ctx, caller, ownMembership } = await anOwnedProject();
    const second = await aMember(project.id, "owner");
    const secondMembership = await membershipOf(second.id, project.id);
    const results = await Promise.allSettled([removeMember(project.id, { id: secondMembership.id }, ctx, caller), removeMember(project.id, { id: ownMembership.id }, ctx, caller)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await ownerCount(project.id)).toBe(1);
  });
});

describe("cancelling invitations", () => {
  it("deletes the invitation and audits it; an admin cannot cancel an owner's invitation", async () => {
    const { project, ctx, caller } = await anOwnedProject();
    const admin = await aMember(project.id, "admin");
    const viewerInvite = await addMember(project.id, { email: `v-${project.id}@example.com`, role: "viewer" }, ctx, caller);
    const ownerInvite = await addMember(project.id, { email: `o-${project.id}@example.com`, role: "owner" }, ctx, caller);

    expect((await refusal(cancelInvitation(project.id, { id: ownerInvite.id }, ctxOf(admin), { userId: admin.id }))).code).toBe("forbidden");
    await cancelInvitation(project.id, { id: viewerInvite.id }, ctxOf(admin), { userId: admin.id });
    expect((await listMembers(project.id)).invitations.map((i) => i.id)).toEqual([ownerInvite.id]);
    const entry = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "invitation.cancelled" } });
    expect(entry).toMatchObject({ targetId: viewerInvite.id, actorId: admin.id, targetLabel: `v-${project.id}@example.com` });
  });
});
