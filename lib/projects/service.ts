import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { slugify } from "@/lib/validation";
import { DomainError } from "@/lib/errors";
import { checkProjectAllowance } from "@/lib/hourly-caps";

async function freeSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name) || "project";
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString("hex")}`;
    if (!(await tx.project.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
  return `${base}-${randomBytes(6).toString("hex")}`;
}

/** Creates a project with `userId` as its creator and owner, in the caller's transaction. */
export async function createProjectTx(tx: Tx, userId: string, name: string, ctx: AuditContext) {
  const project = await tx.project.create({
    data: { name, slug: await freeSlug(tx, name), createdById: userId, memberships: { create: { userId, role: "owner" } } },
    select: { id: true, slug: true, name: true },
  });
  await tx.user.update({ where: { id: userId }, data: { lastProjectId: project.id } });
  await recordAudit(tx, ctx, { projectId: project.id, action: "project.created", target: { type: "project", id: project.id, label: name }, changes: { name } });
  return project;
}

export async function createProject(userId: string, name: string, ctx: AuditContext) {
  try {
    return await db().$transaction(async (tx) => {
      await checkProjectAllowance(tx, userId);
      return createProjectTx(tx, userId, name, ctx);
    });
  } catch (error) {
    // Another project took the same address between the check and the insert. Not retried: a
    // double-submitted form must not make two projects.
    if ((error as { code?: string }).code === "P2002") {
      throw new DomainError("conflict", "A project with this name was created at the same moment. Check your projects, or try again.", "name");
    }
    throw error;
  }
}

/** Remembers the project a user last opened, so signing in lands there (SPEC §6). */
export async function rememberProject(userId: string, projectId: string): Promise<void> {
  await db().user.updateMany({ where: { id: userId, OR: [{ lastProjectId: null }, { lastProjectId: { not: projectId } }] }, data: { lastProjectId: projectId } });
}

/**
 * "Revealable secret keys" (SPEC §2). Turning it on affects keys created or rotated afterwards;
 * turning it off also erases the stored ciphertext of every secret key, so it cannot be undone by
 * turning the setting back on.
 */
export async function setRevealSecretKeys(projectId: string, enabled: boolean, ctx: AuditContext) {
  return db().$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { name: true, revealSecretKeys: true } });
    if (project.revealSecretKeys === enabled) return { changed: false, erased: 0 };
    await tx.project.update({ where: { id: projectId }, data: { revealSecretKeys: enabled, version: { increment: 1 } } });
    const erased = enabled ? 0 : (await tx.apiKey.updateMany({ where: { projectId, kind: "sk", encryptedKey: { not: null } }, data: { encryptedKey: null, version: { increment: 1 } } })).count;
    await recordAudit(tx, ctx, {
      projectId,
      action: "project.updated",
      target: { type: "project", id: projectId, label: project.name },
      changes: { revealSecretKeys: { from: project.revealSecretKeys, to: enabled }, ...(enabled ? {} : { erasedSecretKeyCopies: erased }) },
    });
    return { changed: true, erased };
  });
}
