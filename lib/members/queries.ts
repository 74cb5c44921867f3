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

// ---- The admin API's view: members and pending invitations as one list, by id ------------------

const MEMBER_SELECT = { id: true, role: true, createdAt: true, user: { select: { name: true, email: true } } } as const;
const INVITATION_SELECT = { id: true, email: true, role: true, createdAt: true, expiresAt: true } as const;

type MembershipRead = { id: string; role: string; createdAt: Date; user: { name: string; email: string } };
type InvitationRead = { id: string; email: string; role: string; createdAt: Date; expiresAt: Date | null };

export type MemberEntry = { id: string; email: string; name: string | null; role: MemberRole; status: "member" | "invited"; createdAt: Date; expiresAt: Date | null };

const memberEntry = (m: MembershipRead): MemberEntry => ({ id: m.id, email: m.user.email, name: m.user.name, role: m.role as MemberRole, status: "member", createdAt: m.createdAt, expiresAt: null });
const invitationEntry = (i: InvitationRead): MemberEntry => ({ id: i.id, email: i.email, name: null, role: i.role as MemberRole, status: "invited", createdAt: i.createdAt, expiresAt: i.expiresAt });

/**
 * Up to `limit + 1` members and invitations after the id `after`, by id (lib/api/pagination.ts).
 * Ids are unique across both tables (cuids), so each table's first `limit + 1` rows hold the page.
 */
export async function membersAfter(projectId: string, { limit, after }: { limit: number; after?: string }): Promise<MemberEntry[]> {
  const where = { projectId, ...(after ? { id: { gt: after } } : {}) };
  const [memberships, invitations] = await Promise.all([
    db().membership.findMany({ where, orderBy: { id: "asc" }, take: limit + 1, select: MEMBER_SELECT }),
    db().invitation.findMany({ where, orderBy: { id: "asc" }, take: limit + 1, select: INVITATION_SELECT }),
  ]);
  return [...memberships.map(memberEntry), ...invitations.map(invitationEntry)].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, limit + 1);
}

/** One member or pending invitation of the project by id; null for any other id (another project's too). */
export async function memberEntryIn(projectId: string, id: string): Promise<MemberEntry | null> {
  const membership = await db().membership.findFirst({ where: { id, projectId }, select: MEMBER_SELECT });
  if (membership) return memberEntry(membership);
  const invitation = await db().invitation.findFirst({ where: { id, projectId }, select: INVITATION_SELECT });
  return invitation ? invitationEntry(invitation) : null;
}

/** One member as the Change role form shows it (its "Reload" after a refused save). */
export async function memberForEdit(projectId: string, id: string) {
  const member = await db().membership.findFirst({ where: { id, projectId }, select: { id: true, role: true, user: { select: { email: true } } } });
  return member && { id: member.id, email: member.user.email, role: member.role as MemberRole };
}
