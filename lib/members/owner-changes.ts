import "server-only";
import { db } from "@/lib/db";
import { requireFreshAuth } from "@/lib/auth/sudo";
import type { MemberRole } from "@/lib/permissions";

// Making, changing or removing an owner is a sensitive act (SPEC §13): an owner doing it must be
// in sudo mode. Checked by the members actions before the service runs; an admin attempting it
// is refused by the service as before, so only an owner is ever asked to confirm.

type Act = { role?: string; memberId?: string; invitationId?: string };

async function changesAnOwner(projectId: string, { role, memberId, invitationId }: Act): Promise<boolean> {
  if (role === "owner") return true;
  // Whoever holds an owner invitation's link becomes an owner: copying or resending it counts too.
  if (invitationId) return (await db().invitation.findFirst({ where: { id: invitationId, projectId }, select: { role: true } }))?.role === "owner";
  if (!memberId) return false;
  const member = await db().membership.findFirst({ where: { id: memberId, projectId }, select: { role: true } });
  return member?.role === "owner";
}

export async function requireFreshAuthForOwnerChange(ctx: { project: { id: string }; user: { id: string }; role: MemberRole }, act: Act): Promise<void> {
  if (ctx.role === "owner" && (await changesAnOwner(ctx.project.id, act))) await requireFreshAuth(ctx.user.id);
}
