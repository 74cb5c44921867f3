import "server-only";
import { db } from "@/lib/db";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { DomainError } from "@/lib/errors";

// "Require two-factor for every member" (SPEC §13): an owner's switch on the Security page. The
// owner turning it on must have two-factor themself, or they would shut themself out.

export async function projectTwoFactorRequirement(projectId: string) {
  const [project, membersWithout] = await Promise.all([
    db().project.findUniqueOrThrow({ where: { id: projectId }, select: { requireTwoFactor: true } }),
    db().membership.count({ where: { projectId, user: { totpEnabledAt: null } } }),
  ]);
  return { required: project.requireTwoFactor, membersWithout };
}

export async function setRequireTwoFactor(projectId: string, required: boolean, ctx: AuditContext, caller: { userId: string }) {
  return db().$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { name: true, requireTwoFactor: true } });
    if (project.requireTwoFactor === required) return { changed: false };
    if (required) {
      const self = await tx.user.findUnique({ where: { id: caller.userId }, select: { totpEnabledAt: true } });
      if (!self?.totpEnabledAt) throw new DomainError("conflict", "Turn on two-factor sign-in for your own account first.");
    }
    await tx.project.update({ where: { id: projectId }, data: { requireTwoFactor: required, version: { increment: 1 } } });
    await recordAudit(tx, ctx, {
      projectId,
      action: "project.updated",
      target: { type: "project", id: projectId, label: project.name },
      changes: { requireTwoFactor: { from: project.requireTwoFactor, to: required } },
    });
    return { changed: true };
  });
}
