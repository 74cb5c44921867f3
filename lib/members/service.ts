import "server-only";
import { db, type Tx } from "@/lib/db";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { DomainError, notFound, StaleRead } from "@/lib/errors";
import { deliverSoon, enqueueMail } from "@/lib/mail/outbox";
import { invitationMail, memberAddedMail } from "@/lib/mail/templates";
import { checkInvitationAllowance, type InvitationSender } from "@/lib/hourly-caps";
import { freshLinkFields, inviteUrl } from "@/lib/invitations/link";
import type { MemberRole } from "@/lib/permissions";
import { grantExcess, type KeyGrant } from "@/lib/keys/grant-bounds";
import { KEPT_ROLES, memberRefusal, withArticle, type MemberActor } from "./rules";
import type { AddMemberInput, ChangeMemberRoleInput } from "./schemas";

// Member management (SPEC §1). The caller's role is read again inside each transaction, so a
// caller demoted a moment ago cannot act on the role they had when the request started. An admin
// API key (the admin API) acts by the `apiKey` row of the rules (never on an owner), or, held to
// channels or a rate limit, by the `limitedApiKey` row (on viewers only).

/** An admin key acts with what it holds (its role, channel scope and rate limit: lib/keys/grant-bounds.ts). */
export type Caller = { userId: string } | { apiKey: { id: string; name: string } & KeyGrant };

/** What an admin member may give a key: the bound an admin key must hold to act as one. */
const ADMIN_MEMBER_GRANT: KeyGrant = { role: "admin", permissions: null, scope: "all", channels: [], rateLimit: null };

const forbidden = (message: string) => new DomainError("forbidden", message);

/** The caller as the rules know it: its member role (null: not a member), or an admin key. */
export async function callerRole(tx: Tx, projectId: string, caller: Caller): Promise<MemberActor | null> {
  if ("apiKey" in caller) return grantExcess(caller.apiKey, ADMIN_MEMBER_GRANT) ? "limitedApiKey" : "apiKey";
  const row = await tx.membership.findUnique({ where: { userId_projectId: { userId: caller.userId, projectId } }, select: { role: true } });
  return (row?.role as MemberRole | undefined) ?? null;
}

/** Refuses unless `actor` may give or take each of `roles` (lib/members/rules.ts). */
export function authorise(actor: MemberActor | null, roles: readonly MemberRole[], { self = false } = {}) {
  const refusal = memberRefusal(actor, roles, { self });
  if (refusal) throw forbidden(refusal);
}

/** Whose hourly invitations a mail counts against: the member's own, or the project's keys' together. */
export const senderOf = (projectId: string, caller: Caller): InvitationSender => ("apiKey" in caller ? { projectKeys: projectId } : { userId: caller.userId });

// Bumping the version first takes the project row lock (PostgreSQL; SQLite has one writer), so
// concurrent demotions or removals of two owners cannot both see the other one still there.
async function lockProject(tx: Tx, projectId: string) {
  await tx.project.update({ where: { id: projectId }, data: { version: { increment: 1 } } });
}

/** Before `role` loses a member: a project keeps at least one of each kept role (its owner). */
async function keepOne(tx: Tx, projectId: string, role: MemberRole) {
  if (!KEPT_ROLES.includes(role)) return;
  const left = await tx.membership.count({ where: { projectId, role } });
  if (left <= 1) throw new DomainError("conflict", `A project needs at least one ${role}. Make someone else ${withArticle(role)} first.`);
}

async function membershipIn(tx: Tx, projectId: string, id: string) {
  const member = await tx.membership.findFirst({ where: { id, projectId }, select: { id: true, userId: true, role: true, user: { select: { email: true } } } });
  if (!member) throw notFound("Member");
  return { ...member, role: member.role as MemberRole };
}

/**
 * Adds a person with an account as a member, or invites an e-mail that has none yet; either way
 * they get an e-mail, and it counts against the caller's hourly invitations (SPEC §13). An
 * invitation is joined only through the link in its mail (lib/invitations/service.ts).
 */
export async function addMember(projectId: string, input: AddMemberInput, ctx: AuditContext, caller: Caller) {
  const { email, role } = input;
  try {
    const added = await db().$transaction(async (tx) => {
      authorise(await callerRole(tx, projectId, caller), [role]);
      const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { slug: true, name: true } });
      const user = await tx.user.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true, memberships: { where: { projectId }, select: { id: true } } } });
      if (user?.memberships.length) throw new DomainError("conflict", `${email} is already a member of this project.`, "email");
      // Added at once only when the account has proven it owns the address. One made from another
      // project's copied invite link has not (its inviter vouched for it, not the mailbox), so it
      // joins like anyone else: through this project's own link, mailed to the address.
      if (user?.emailVerifiedAt) {
        await checkInvitationAllowance(tx, senderOf(projectId, caller));
        const member = await tx.membership.create({ data: { projectId, userId: user.id, role }, select: { id: true } });
        // Added directly now: a pending link for the same address has nothing left to grant.
        await tx.invitation.deleteMany({ where: { projectId, email } });
        await recordAudit(tx, ctx, { projectId, action: "member.added", target: { type: "member", id: member.id, label: email }, changes: { role } });
        await enqueueMail(tx, [email], memberAddedMail({ project, role, actor: ctx.actor.label }));
        return { kind: "member" as const, id: member.id };
      }
      const invited = await tx.invitation.findUnique({ where: { projectId_email: { projectId, email } }, select: { id: true } });
      if (invited) throw new DomainError("conflict", `${email} is already invited to this project.`, "email");
      await checkInvitationAllowance(tx, senderOf(projectId, caller));
      const fields = freshLinkFields();
      const invitation = await tx.invitation.create({ data: { projectId, email, role, invitedById: "userId" in caller ? caller.userId : null, ...fields }, select: { id: true } });
      await recordAudit(tx, ctx, { projectId, action: "member.invited", target: { type: "member", id: invitation.id, label: email }, changes: { role } });
      const link = inviteUrl({ id: invitation.id, email, role, ...fields });
      await enqueueMail(tx, [email], invitationMail({ project, role, actor: ctx.actor.label, link, expiresAt: fields.expiresAt }));
      return { kind: "invitation" as const, id: invitation.id };
    });
    deliverSoon();
    return added;
  } catch (error) {
    // Someone else added the same person between our check and our insert.
    if ((error as { code?: string }).code === "P2002") throw new DomainError("conflict", `${email} was added to this project a moment ago.`, "email");
    throw error;
  }
}

export async function changeMemberRole(projectId: string, input: ChangeMemberRoleInput, ctx: AuditContext, caller: Caller) {
  return db().$transaction(async (tx) => {
    await lockProject(tx, projectId);
    const member = await membershipIn(tx, projectId, input.id);
    if (input.from && member.role !== input.from) throw new StaleRead();
    authorise(await callerRole(tx, projectId, caller), [member.role, input.role]);
    if (member.role === input.role) return { id: member.id, changed: false };
    await keepOne(tx, projectId, member.role);
    await tx.membership.update({ where: { id: member.id }, data: { role: input.role } });
    await recordAudit(tx, ctx, {
      projectId,
      action: "member.role_changed",
      target: { type: "member", id: member.id, label: member.user.email },
      changes: { role: { from: member.role, to: input.role } },
    });
    return { id: member.id, changed: true };
  });
}

/** Removes a member; members may also remove themselves (leave), unless they are the last owner. */
export async function removeMember(projectId: string, input: { id: string }, ctx: AuditContext, caller: Caller) {
  return db().$transaction(async (tx) => {
    await lockProject(tx, projectId);
    const member = await membershipIn(tx, projectId, input.id);
    const self = "userId" in caller && member.userId === caller.userId;
    authorise(await callerRole(tx, projectId, caller), [member.role], { self });
    await keepOne(tx, projectId, member.role);
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(tx, ctx, {
      projectId,
      action: "member.removed",
      target: { type: "member", id: member.id, label: member.user.email },
      changes: { role: member.role, ...(self ? { left: true } : {}) },
    });
    return { id: member.id, self };
  });
}

export async function cancelInvitation(projectId: string, input: { id: string }, ctx: AuditContext, caller: Caller) {
  return db().$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id: input.id, projectId }, select: { id: true, email: true, role: true } });
    if (!invitation) throw notFound("Invitation");
    authorise(await callerRole(tx, projectId, caller), [invitation.role as MemberRole]);
    await tx.invitation.delete({ where: { id: invitation.id } });
    await recordAudit(tx, ctx, { projectId, action: "invitation.cancelled", target: { type: "member", id: invitation.id, label: invitation.email }, changes: { role: invitation.role } });
    return { id: invitation.id };
  });
}
