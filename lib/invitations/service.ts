import "server-only";
import bcrypt from "bcryptjs";
import { passwordWeakness } from "@/lib/users/password-strength";
import { db, type Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { recordAudit, type AuditContext, type RequestMeta } from "@/lib/audit/record";
import { DomainError, notFound } from "@/lib/errors";
import { deliverSoon, enqueueMail } from "@/lib/mail/outbox";
import { invitationMail } from "@/lib/mail/templates";
import { checkInvitationAllowance } from "@/lib/hourly-caps";
import { authorise, callerRole, senderOf, type Caller } from "@/lib/members/service";
import { BCRYPT_COST } from "@/lib/users/service";
import type { MemberRole } from "@/lib/permissions";
import { freshLinkFields, inviteUrl } from "./link";
import { invitationIdOf, tokenMatches } from "./token";
import type { InviteSignUpInput } from "./schemas";

// Invitations by link only (SPEC §13). Following a link joins the project as the invited e-mail,
// signed in or signing up; accepting deletes the invitation in the transaction that creates the
// membership, so a link works once. Forged, expired, used, resent-over and other people's links
// get a clear message and change nothing.

export const INVALID_LINK = "This invitation link is not valid. It may have been used already, cancelled, or replaced by a newer one. Ask the person who invited you to send it again.";
export const EXPIRED_LINK = "This invitation has expired. Ask the person who invited you to resend it.";

const SELECT = { id: true, email: true, role: true, tokenNonce: true, expiresAt: true, project: { select: { id: true, slug: true, name: true } } } as const;

export type OpenInvitation = { id: string; email: string; role: MemberRole; project: { id: string; slug: string; name: string } };
export type InvitationLookup = { status: "invalid" } | { status: "expired" } | { status: "open"; invitation: OpenInvitation };

/** What a token names: an open invitation only if the row exists, the signature matches it and it has not expired. */
async function lookUp(tx: Tx, token: string): Promise<InvitationLookup> {
  const id = invitationIdOf(token);
  if (!id) return { status: "invalid" };
  const row = await tx.invitation.findUnique({ where: { id }, select: SELECT });
  // No expiry or nonce: made before links existed; nothing was ever signed for it (it must be resent).
  if (!row || !row.tokenNonce || !row.expiresAt) return { status: "invalid" };
  if (!tokenMatches(token, { ...row, tokenNonce: row.tokenNonce, expiresAt: row.expiresAt })) return { status: "invalid" };
  if (row.expiresAt.getTime() <= now().getTime()) return { status: "expired" };
  return { status: "open", invitation: { id: row.id, email: row.email, role: row.role as MemberRole, project: row.project } };
}

export async function readInvitation(token: string): Promise<InvitationLookup & { accountExists?: boolean }> {
  const found = await lookUp(db(), token);
  if (found.status !== "open") return found;
  const account = await db().user.findUnique({ where: { email: found.invitation.email }, select: { id: true } });
  return { ...found, accountExists: account !== null };
}

function openOrThrow(found: InvitationLookup): OpenInvitation {
  if (found.status === "expired") throw new DomainError("conflict", EXPIRED_LINK);
  if (found.status === "invalid") throw new DomainError("not_found", INVALID_LINK);
  return found.invitation;
}

/** In the joining transaction: deletes the invitation (only one of two racing joins sees it), adds the membership, audits. */
async function joinTx(tx: Tx, invitation: OpenInvitation, user: { id: string; email: string }, meta: RequestMeta) {
  const taken = await tx.invitation.deleteMany({ where: { id: invitation.id } });
  if (taken.count !== 1) throw new DomainError("not_found", INVALID_LINK);
  const member = await tx.membership.create({ data: { projectId: invitation.project.id, userId: user.id, role: invitation.role }, select: { id: true } });
  await tx.user.update({ where: { id: user.id }, data: { lastProjectId: invitation.project.id } });
  const ctx: AuditContext = { actor: { type: "user", id: user.id, label: user.email }, meta };
  await recordAudit(tx, ctx, { projectId: invitation.project.id, action: "member.joined", target: { type: "member", id: member.id, label: user.email }, changes: { role: invitation.role } });
  return { projectSlug: invitation.project.slug, role: invitation.role };
}

/** The signed-in user follows the link: they join if the invitation is for their e-mail. */
export async function acceptInvitation(token: string, user: { id: string; email: string }, meta: RequestMeta) {
  try {
    return await db().$transaction(async (tx) => {
      const invitation = openOrThrow(await lookUp(tx, token));
      if (invitation.email !== user.email.toLowerCase()) {
        throw new DomainError("forbidden", `This invitation is for another e-mail address. You are signed in as ${user.email}; sign out and sign in as the invited address to join.`);
      }
      const already = await tx.membership.findUnique({ where: { userId_projectId: { userId: user.id, projectId: invitation.project.id } }, select: { id: true } });
      if (already) throw new DomainError("conflict", `You are already a member of "${invitation.project.name}".`);
      return await joinTx(tx, invitation, user, meta);
    });
  } catch (error) {
    // The other of two concurrent joins created the membership first.
    if ((error as { code?: string }).code === "P2002") throw new DomainError("not_found", INVALID_LINK);
    throw error;
  }
}

/** No account yet: the link makes one for the invited e-mail (no project of its own) and joins. */
export async function signUpFromInvitation(input: InviteSignUpInput, meta: RequestMeta) {
  // The signature first: a forged link costs an HMAC, not a bcrypt hash.
  const invitation = openOrThrow(await lookUp(db(), input.token));
  const exists = () => new DomainError("conflict", `An account with ${invitation.email} already exists. Sign in to join.`);
  if (await db().user.findUnique({ where: { email: invitation.email }, select: { id: true } })) throw exists();
  // The e-mail comes from the invitation, so the "not your e-mail or name" rule runs here.
  const weakness = passwordWeakness(input.password, { email: invitation.email, name: input.name });
  if (weakness) throw new DomainError("validation_failed", weakness, "password");
  const passwordHash = await bcrypt.hash(input.password, BCRYPT_COST);
  try {
    return await db().$transaction(async (tx) => {
      const current = openOrThrow(await lookUp(tx, input.token));
      const user = await tx.user.create({ data: { email: current.email, name: input.name, passwordHash }, select: { id: true, email: true } });
      return { ...(await joinTx(tx, current, user, meta)), email: user.email };
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw exists();
    throw error;
  }
}

async function invitationIn(tx: Tx, projectId: string, id: string) {
  const row = await tx.invitation.findFirst({ where: { id, projectId }, select: SELECT });
  if (!row) throw notFound("Invitation");
  return row;
}

/** "Copy invite link": the mailed link again, recomputed from the stored fields [owners and admins]. */
export async function invitationLink(projectId: string, input: { id: string }, ctx: AuditContext, caller: Caller) {
  return db().$transaction(async (tx) => {
    const row = await invitationIn(tx, projectId, input.id);
    authorise(await callerRole(tx, projectId, caller), [row.role as MemberRole]);
    if (!row.tokenNonce || !row.expiresAt) throw new DomainError("conflict", "This invitation was made before invite links existed. Resend it to get a link.");
    if (row.expiresAt.getTime() <= now().getTime()) throw new DomainError("conflict", "This invitation has expired. Resend it to get a new link.");
    await recordAudit(tx, ctx, { projectId, action: "invitation.link_copied", target: { type: "member", id: row.id, label: row.email }, changes: { role: row.role } });
    return { link: inviteUrl({ ...row, tokenNonce: row.tokenNonce, expiresAt: row.expiresAt }), expiresAt: row.expiresAt };
  });
}

/** "Resend": a new nonce and expiry (every older link stops working) and a new mail [owners and admins]. */
export async function resendInvitation(projectId: string, input: { id: string }, ctx: AuditContext, caller: Caller) {
  const resent = await db().$transaction(async (tx) => {
    const row = await invitationIn(tx, projectId, input.id);
    authorise(await callerRole(tx, projectId, caller), [row.role as MemberRole]);
    await checkInvitationAllowance(tx, senderOf(projectId, caller));
    const fields = freshLinkFields();
    // Conditional on the nonce read above: of two resends at once, one mail carries the live link.
    const updated = await tx.invitation.updateMany({ where: { id: row.id, tokenNonce: row.tokenNonce }, data: fields });
    if (updated.count !== 1) throw new DomainError("conflict", "This invitation was resent a moment ago.");
    await recordAudit(tx, ctx, { projectId, action: "invitation.resent", target: { type: "member", id: row.id, label: row.email }, changes: { role: row.role } });
    const link = inviteUrl({ ...row, ...fields });
    await enqueueMail(tx, [row.email], invitationMail({ project: row.project, role: row.role, actor: ctx.actor.label, link, expiresAt: fields.expiresAt }));
    return { id: row.id, expiresAt: fields.expiresAt };
  });
  deliverSoon();
  return resent;
}
