import { expect } from "vitest";
import { DomainError } from "@/lib/errors";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { signUp } from "@/lib/users/service";
import { createKey } from "@/lib/keys/service";
import { createChannel } from "@/lib/channels/service";
import type { AuditContext } from "@/lib/audit/record";
import type { ApiRole } from "@/lib/permissions";

export const meta = { ip: "203.0.113.7", userAgent: "vitest" };

export async function aProject(projectName = "Acme") {
  const email = `owner-${randomBytes(4).toString("hex")}@example.com`;
  const { userId, projectSlug } = await signUp({ name: "Owner", email, password: "correct horse battery", projectName }, meta);
  const project = await db().project.findUniqueOrThrow({ where: { slug: projectSlug }, select: { id: true, slug: true } });
  const ctx: AuditContext = { actor: { type: "user", id: userId, label: email }, meta };
  return { userId, email, project, ctx };
}

export async function aMember(projectId: string, role: "viewer" | "admin" | "owner") {
  const email = `${role}-${randomBytes(4).toString("hex")}@example.com`;
  const user = await db().user.create({ data: { email, name: role, passwordHash: "x", memberships: { create: { projectId, role } } } });
  return { id: user.id, email, name: role };
}

export async function aKey(ctx: AuditContext, projectId: string, role: ApiRole = "editor", extra: { scope?: "all" | "channels"; channels?: string[]; name?: string; rateLimit?: number | null } = {}) {
  return createKey(
    projectId,
    { name: extra.name ?? `${role} key`, description: "", role, scope: extra.scope ?? "all", channels: extra.channels ?? [], expires: "never", expiresOn: "", rateLimit: extra.rateLimit ?? null },
    ctx,
  );
}

export async function aChannel(ctx: AuditContext, projectId: string, slug: string) {
  return createChannel(projectId, { name: slug, slug }, ctx);
}

export function auditActions(projectId: string) {
  return db().auditEntry.findMany({ where: { projectId }, orderBy: { createdAt: "asc" }, select: { action: true, targetId: true, changes: true, ip: true } });
}

/** The DomainError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}
