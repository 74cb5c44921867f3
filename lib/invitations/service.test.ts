import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setClockOffsetForTests } from "@/lib/clock";
import { aMember, aProject, meta, refusal } from "@/lib/testing/fixtures";
import { addMember } from "@/lib/members/service";
import { signUp } from "@/lib/users/service";
import { checkPassword } from "@/lib/users/service";
import { HOURLY_CAPS } from "@/lib/hourly-caps";
import { MAIL_SUBJECTS } from "@/lib/mail/templates";
import type { AuditContext } from "@/lib/audit/record";
import { acceptInvitation, EXPIRED_LINK, INVALID_LINK, invitationLink, readInvitation, resendInvitation, signUpFromInvitation } from "./service";
import { inviteToken } from "./token";

const PASSWORD = "correct horse battery staple";
const DAY = 86_400_000;
afterEach(() => setClockOffsetForTests(0));

const ctxOf = (user: { id: string; email: string }): AuditContext => ({ actor: { type: "user", id: user.id, label: user.email }, meta });
const tokenOf = (link: string) => decodeURIComponent(new URL(link).pathname.split("/").at(-1)!);
const mailedLink = async (email: string) => {
  const mails = await db().mail.findMany({ where: { recipient: email, subject: MAIL_SUBJECTS.invitation }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return mails[0].body.match(/https?:\/\/\S+\/invite\/\S+/)![0];
};

/** A project whose owner invited a fresh address as `role`; the token is the one from the mail. */
async function anInvitation(role: "viewer" | "admin" | "owner" = "admin") {
  const team = await aProject("Invited Co");
  const email = `newhire-${team.project.id}@corp.test`;
  const { id } = await addMember(team.project.id, { email, role }, team.ctx, { userId: team.userId });
  const token = tokenOf(await mailedLink(email));
  return { ...team, email, id, token, role };
}

const state = async (projectId: string) => ({
  memberships: await db().membership.findMany({ where: { projectId }, orderBy: { id: "asc" }, select: { userId: true, role: true } }),
  invitations: await db().invitation.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
  audit: await db().auditEntry.count({ where: { projectId } }),
  users: await db().user.count(),
});

/** An account for `email` with no link involved (e.g. a stranger who typed the address). */
const anAccount = async (email: string) => await db().user.findUniqueOrThrow({ where: { id: (await signUp({ name: "Someone", email, password: PASSWORD, projectName: "Own" }, meta)).userId } });

describe("invitation links", () => {
  it("are mailed with a fixed subject, and copying gives the same link, audited", async () => {
    const inv = await anInvitation();
    const mail = await db().mail.findFirstOrThrow({ where: { recipient: inv.email } });
    expect(mail.subject).toBe(MAIL_SUBJECTS.invitation);
    expect(mail.body).toContain('"Invited Co"');
    const copied = await invitationLink(inv.project.id, { id: inv.id }, inv.ctx, { userId: inv.userId });
    expect(tokenOf(copied.link)).toBe(inv.token);
    expect(copied.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * DAY - 60_000);
    const entry = await db().auditEntry.findFirstOrThrow({ where: { projectId: inv.project.id, action: "invitation.link_copied" } });
    expect(entry).toMatchObject({ actorId: inv.userId, targetId: inv.id, targetLabel: inv.email });
    expect(JSON.stringify(await db().auditEntry.findMany({ where: { projectId: inv.project.id } }))).not.toContain(inv.token.split(".")[1]);
  });

  it("sign up the invited e-mail with no project of its own and land it in the project as the invited role, once", async () => {
    const inv = await anInvitation("admin");
    expect(await readInvitation(inv.token)).toMatchObject({ status: "open", accountExists: false, invitation: { email: inv.email, role: "admin", project: { slug: inv.project.slug } } });

    const joined = await signUpFromInvitation({ token: inv.token, name: "New Hire", password: PASSWORD }, meta);

    expect(joined).toEqual({ projectSlug: inv.project.slug, role: "admin", email: inv.email });
    const user = await db().user.findUniqueOrThrow({ where: { email: inv.email }, include: { memberships: true } });
    expect(user.memberships.map((m) => [m.projectId, m.role])).toEqual([[inv.project.id, "admin"]]);
    expect(user.lastProjectId).toBe(inv.project.id);
    expect(await checkPassword(inv.email, PASSWORD)).toMatchObject({ id: user.id });
    expect(await db().invitation.count({ where: { id: inv.id } })).toBe(0);
    expect(await db().auditEntry.findFirstOrThrow({ where: { projectId: inv.project.id, action: "member.joined" } })).toMatchObject({ actorId: user.id, targetLabel: inv.email });

    // Single use: the same link again changes nothing.
    const before = await state(inv.project.id);
    expect(await readInvitation(inv.token)).toEqual({ status: "invalid" });
    expect(await refusal(signUpFromInvitation({ token: inv.token, name: "Again", password: PASSWORD }, meta))).toMatchObject({ code: "not_found", message: INVALID_LINK });
    expect(await refusal(acceptInvitation(inv.token, user, meta))).toMatchObject({ code: "not_found", message: INVALID_LINK });
    expect(await state(inv.project.id)).toEqual(before);
  });

  it("refuse a password made of the invited e-mail or the new member's name, and create nothing", async () => {
    const inv = await anInvitation("viewer");
    const before = await state(inv.project.id);
    const local = inv.email.split("@")[0];
    for (const password of [`${local}-2026!`, "Grace Hopperish 42"]) {
      const refused = await refusal(signUpFromInvitation({ token: inv.token, name: "Grace Hopper", password }, meta));
      expect(refused).toMatchObject({ code: "validation_failed", field: "password" });
    }
    expect(await db().user.count({ where: { email: inv.email } })).toBe(0);
    expect(await state(inv.project.id)).toEqual(before);
  });

  it("let a signed-in user with the invited e-mail join; another signed-in user is refused and nothing changes", async () => {
    const inv = await anInvitation("viewer");
    const stranger = await anAccount(`stranger-${inv.project.id}@corp.test`);
    const before = await state(inv.project.id);
    const refused = await refusal(acceptInvitation(inv.token, stranger, meta));
    expect(refused.code).toBe("forbidden");
    expect(refused.message).toContain("another e-mail address");
    expect(await state(inv.project.id)).toEqual(before);

    // The address got an account without the link (finding #2): it joined nothing, and the link now asks to sign in.
    const holder = await anAccount(inv.email);
    expect(await db().membership.count({ where: { userId: holder.id, projectId: inv.project.id } })).toBe(0);
    expect(await readInvitation(inv.token)).toMatchObject({ status: "open", accountExists: true });
    expect(await refusal(signUpFromInvitation({ token: inv.token, name: "X", password: PASSWORD }, meta))).toMatchObject({ code: "conflict" });

    expect(await acceptInvitation(inv.token, { id: holder.id, email: holder.email.toUpperCase() }, meta)).toEqual({ projectSlug: inv.project.slug, role: "viewer" });
    expect(await db().membership.findUniqueOrThrow({ where: { userId_projectId: { userId: holder.id, projectId: inv.project.id } } })).toMatchObject({ role: "viewer" });
  });

  it("refuse forged, tampered and other invitations' tokens, and change nothing", async () => {
    const inv = await anInvitation("owner");
    const other = await anInvitation("viewer");
    const holder = await anAccount(inv.email);
    const row = await db().invitation.findUniqueOrThrow({ where: { id: inv.id } });
    const before = await state(inv.project.id);
    const forged = [
      inviteToken({ ...row, tokenNonce: row.tokenNonce!, expiresAt: row.expiresAt! }, "f".repeat(64)), // another secret
      inviteToken({ ...row, role: "owner", email: "attacker@evil.test", tokenNonce: row.tokenNonce!, expiresAt: row.expiresAt! }), // fields the row does not have
      `${inv.id}.${other.token.split(".")[1]}`, // another invitation's signature
      `${inv.token.slice(0, -3)}AAA`,
      inv.id,
      "",
      "x".repeat(150),
    ];
    for (const token of forged) {
      expect(await readInvitation(token), token).toEqual({ status: "invalid" });
      expect((await refusal(acceptInvitation(token, holder, meta))).message).toBe(INVALID_LINK);
    }
    expect(await state(inv.project.id)).toEqual(before);
  });

  it("expire after 7 days, with a clear message, and a resent link works again", async () => {
    const inv = await anInvitation();
    setClockOffsetForTests(7 * DAY + 60_000);
    const before = await state(inv.project.id);
    expect(await readInvitation(inv.token)).toEqual({ status: "expired" });
    expect(await refusal(signUpFromInvitation({ token: inv.token, name: "Late", password: PASSWORD }, meta))).toMatchObject({ code: "conflict", message: EXPIRED_LINK });
    expect((await refusal(invitationLink(inv.project.id, { id: inv.id }, inv.ctx, { userId: inv.userId }))).message).toMatch(/expired/);
    expect(await state(inv.project.id)).toEqual(before);

    await resendInvitation(inv.project.id, { id: inv.id }, inv.ctx, { userId: inv.userId });
    const fresh = tokenOf(await mailedLink(inv.email));
    expect(fresh).not.toBe(inv.token);
    expect((await signUpFromInvitation({ token: fresh, name: "On time", password: PASSWORD }, meta)).projectSlug).toBe(inv.project.slug);
  });

  it("stop working once resent: only the newest link joins; resending is audited and mailed", async () => {
    const inv = await anInvitation();
    const resent = await resendInvitation(inv.project.id, { id: inv.id }, inv.ctx, { userId: inv.userId });
    expect(resent.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7 * DAY - 60_000);
    const fresh = tokenOf(await mailedLink(inv.email));
    expect(await db().mail.count({ where: { recipient: inv.email, subject: MAIL_SUBJECTS.invitation } })).toBe(2);
    expect(await db().auditEntry.count({ where: { projectId: inv.project.id, action: "invitation.resent", actorId: inv.userId } })).toBe(1);
    expect(await readInvitation(inv.token)).toEqual({ status: "invalid" });
    expect(await refusal(signUpFromInvitation({ token: inv.token, name: "Old", password: PASSWORD }, meta))).toMatchObject({ message: INVALID_LINK });
    expect(tokenOf((await invitationLink(inv.project.id, { id: inv.id }, inv.ctx, { userId: inv.userId })).link)).toBe(fresh);
    expect((await signUpFromInvitation({ token: fresh, name: "New", password: PASSWORD }, meta)).role).toBe("admin");
  });

  it("join exactly once when the same link is accepted twice at the same moment", async () => {
    const inv = await anInvitation();
    const holder = await anAccount(inv.email);
    const results = await Promise.allSettled([acceptInvitation(inv.token, holder, meta), acceptInvitation(inv.token, holder, meta)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // The loser read the invitation either before the winner committed (then the already-deleted
    // row or the new membership stops it) or after (then the link is gone).
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect([INVALID_LINK, `You are already a member of "Invited Co".`]).toContain(loser.reason.message);
    expect(await db().membership.count({ where: { projectId: inv.project.id, userId: holder.id } })).toBe(1);
    expect(await db().auditEntry.count({ where: { projectId: inv.project.id, action: "member.joined" } })).toBe(1);
  });

  it("make exactly one account when two sign-ups use the same link at the same moment", async () => {
    const inv = await anInvitation();
    const results = await Promise.allSettled([
      signUpFromInvitation({ token: inv.token, name: "One", password: PASSWORD }, meta),
      signUpFromInvitation({ token: inv.token, name: "Two", password: PASSWORD }, meta),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().user.count({ where: { email: inv.email } })).toBe(1);
    expect(await db().membership.count({ where: { projectId: inv.project.id } })).toBe(2);
  });

  it("say an invitation made before links existed must be resent, and a resend gives it a working link", async () => {
    const team = await aProject("Old Co");
    const email = `legacy-${team.project.id}@corp.test`;
    const legacy = await db().invitation.create({ data: { projectId: team.project.id, email, role: "viewer", invitedById: team.userId } });
    const refused = await refusal(invitationLink(team.project.id, { id: legacy.id }, team.ctx, { userId: team.userId }));
    expect(refused.message).toMatch(/Resend it/);
    await resendInvitation(team.project.id, { id: legacy.id }, team.ctx, { userId: team.userId });
    expect(await readInvitation(tokenOf(await mailedLink(email)))).toMatchObject({ status: "open" });
  });

  it("let only owners and admins of the project copy or resend, and only owners for an owner invitation", async () => {
    const inv = await anInvitation("owner");
    const admin = await aMember(inv.project.id, "admin");
    const viewer = await aMember(inv.project.id, "viewer");
    const outsider = await aProject("Elsewhere");
    const before = await state(inv.project.id);
    for (const who of [admin, viewer]) {
      expect((await refusal(invitationLink(inv.project.id, { id: inv.id }, ctxOf(who), { userId: who.id }))).code).toBe("forbidden");
      expect((await refusal(resendInvitation(inv.project.id, { id: inv.id }, ctxOf(who), { userId: who.id }))).code).toBe("forbidden");
    }
    // Another project's id for the invitation is not found.
    expect((await refusal(invitationLink(outsider.project.id, { id: inv.id }, outsider.ctx, { userId: outsider.userId }))).code).toBe("not_found");
    expect((await refusal(resendInvitation(outsider.project.id, { id: inv.id }, outsider.ctx, { userId: outsider.userId }))).code).toBe("not_found");
    expect(await state(inv.project.id)).toEqual(before);
  });

  it(`count resends against the inviter's ${HOURLY_CAPS.invitations} an hour, and refuse beyond it changing nothing`, async () => {
    const inv = await anInvitation();
    for (let i = 1; i < HOURLY_CAPS.invitations; i++) await resendInvitation(inv.project.id, { id: inv.id }, inv.ctx, { userId: inv.userId });
    const before = { row: await db().invitation.findUniqueOrThrow({ where: { id: inv.id } }), mail: await db().mail.count() };
    expect((await refusal(resendInvitation(inv.project.id, { id: inv.id }, inv.ctx, { userId: inv.userId }))).code).toBe("rate_limited");
    expect({ row: await db().invitation.findUniqueOrThrow({ where: { id: inv.id } }), mail: await db().mail.count() }).toEqual(before);
  });
});
