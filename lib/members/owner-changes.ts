import "server-only";
import { db } from "@/lib/db";
import { requireFreshAuth } from "@/lib/auth/sudo";
import type { MemberRole } from "@/lib/permissions";
import { mayAssign, TARGET_RULES } from "./rules";

// Making, changing or removing an owner (a sensitive role of the rules table) is a sensitive act
// (SPEC §13): a member allowed to do it must be in sudo mode. Checked by the members actions before
// the service runs; a member not allowed is refused by the service as before, so only one who may
// do it is ever asked to confirm.

type Act = { role?: string; memberId?: string; invitationId?: string };

const sensitive = (role: string | undefined): role is MemberRole => Boolean(role && TARGET_RULES[role as MemberRole]?.sensitive);

/** The sensitive role the act gives or takes, if any. */
async function sensitiveRoleOf(projectId: string, { role, memberId, invitationId }: Act): Promise<MemberRole | null> {
  if (sensitive(role)) return role;
  // Whoever holds an invitation's link gets its role: copying or resending it counts too.
  const target = invitationId
    ? (await db().invitation.findFirst({ where: { id: invitationId, projectId }, select: { role: true } }))?.role
    : memberId
      ? (await db().membership.findFirst({ where: { id: memberId, projectId }, select: { role: true } }))?.role
      : undefined;
  return sensitive(target) ? target : null;
}

export async function requireFreshAuthForOwnerChange(ctx: { project: { id: string }; user: { id: string }; role: MemberRole }, act: Act): Promise<void> {
  const role = await sensitiveRoleOf(ctx.project.id, act);
  if (role && mayAssign(ctx.role, role)) await requireFreshAuth(ctx.user.id);
}
