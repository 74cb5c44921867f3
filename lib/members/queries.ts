import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import type { MemberRole } from "@/lib/permissions";

/** The project's members (owners first, then by e-mail) and its pending invitations (by e-mail). */
export async function listMembers(projectId: string) {
  const [memberships, invitations] = await Promise.all([
    db().membership.findMany({
      where: { projectId },
      select: { id: true, userId: true, role: true, createdAt: true, user: { select: { name: true, email: true } } },
    }),
    db().invitation.findMany({ where: { projectId }, orderBy: { email: "asc" }, select: { id: true, email: true, role: true, createdAt: true, expiresAt: true } }),
  ]);
  const members = memberships
    .map((m) => ({ id: m.id, userId: m.userId, name: m.user.name, email: m.user.email, role: m.role as MemberRole, addedAt: m.createdAt }))
    .sort((a, b) => Number(b.role === "owner") - Number(a.role === "owner") || a.email.localeCompare(b.email));
  // An invitation from before links existed has no expiry: like an expired one, it needs a resend.
  const needsResend = (expiresAt: Date | null) => !expiresAt || expiresAt.getTime() <= now().getTime();
  return { members, invitations: invitations.map((i) => ({ ...i, role: i.role as MemberRole, needsResend: needsResend(i.expiresAt) })) };
}

export type MemberList = Awaited<ReturnType<typeof listMembers>>;
export type MemberRow = MemberList["members"][number];
export type InvitationRow = MemberList["invitations"][number];

/** One member as the Change role form shows it (its "Reload" after a refused save). */
export async function memberForEdit(projectId: string, id: string) {
  const member = await db().membership.findFirst({ where: { id, projectId }, select: { id: true, role: true, user: { select: { email: true } } } });
  return member && { id: member.id, email: member.user.email, role: member.role as MemberRole };
}
