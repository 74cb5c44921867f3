import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { notFound } from "@/lib/errors";
import { API_KEY } from "./format";
import type { KeyPolicy } from "./policy";
import { unusedWhere } from "./unused-keys";
import { unexpiredAt } from "./hygiene";

const DAY_MS = 86_400_000;

export async function keyPolicy(projectId: string): Promise<KeyPolicy> {
  const project = await db().project.findUnique({ where: { id: projectId }, select: { keyMaxLifetimeDays: true, adminKeysRequireExpiry: true, disableUnusedAfterDays: true } });
  if (!project) throw notFound("Project");
  return { maxLifetimeDays: project.keyMaxLifetimeDays, adminRequiresExpiry: project.adminKeysRequireExpiry, disableUnusedAfterDays: project.disableUnusedAfterDays };
}

/** Owners set the policy (SPEC §15); the change is audited field by field. Existing keys are not changed. */
export async function setKeyPolicy(projectId: string, policy: KeyPolicy, ctx: AuditContext) {
  return db().$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: projectId }, select: { name: true, keyMaxLifetimeDays: true, adminKeysRequireExpiry: true, disableUnusedAfterDays: true } });
    if (!project) throw notFound("Project");
    const before: KeyPolicy = { maxLifetimeDays: project.keyMaxLifetimeDays, adminRequiresExpiry: project.adminKeysRequireExpiry, disableUnusedAfterDays: project.disableUnusedAfterDays };
    const changes = Object.fromEntries(
      (Object.keys(policy) as (keyof KeyPolicy)[]).filter((field) => before[field] !== policy[field]).map((field) => [field, { from: before[field], to: policy[field] }]),
    );
    if (Object.keys(changes).length === 0) return { changed: false };
    await tx.project.update({
      where: { id: projectId },
      data: { keyMaxLifetimeDays: policy.maxLifetimeDays, adminKeysRequireExpiry: policy.adminRequiresExpiry, disableUnusedAfterDays: policy.disableUnusedAfterDays, version: { increment: 1 } },
    });
    await recordAudit(tx, ctx, { projectId, action: "project.key_policy_updated", target: { type: "project", id: projectId, label: project.name }, changes });
    return { changed: true };
  });
}

export type PolicyViolation = { id: string; name: string; preview: string; role: string; expiresAt: Date | null; reasons: string[] };
const LISTED = 50;

/**
 * The live keys made before the policy that break it: listed on the Security page, never changed
 * by it (only the unused-keys rule acts on existing keys, and says so). A key's lifetime is from
 * its creation to its expiry.
 */
export async function keysBreakingPolicy(projectId: string, policy: KeyPolicy, at = now()): Promise<{ keys: PolicyViolation[]; total: number; toDisable: number }> {
  const live = { projectId, kind: API_KEY, revokedAt: null, ...unexpiredAt(at) };
  const candidates =
    policy.maxLifetimeDays === null && !policy.adminRequiresExpiry
      ? []
      : await db().apiKey.findMany({
          where: { ...live, ...(policy.maxLifetimeDays === null ? { role: "admin", expiresAt: null } : {}) },
          select: { id: true, name: true, preview: true, role: true, createdAt: true, expiresAt: true },
          orderBy: { createdAt: "asc" },
        });
  const keys = candidates.flatMap((key) => {
    const reasons: string[] = [];
    if (policy.maxLifetimeDays !== null) {
      const lifetime = key.expiresAt ? (key.expiresAt.getTime() - key.createdAt.getTime()) / DAY_MS : Infinity;
      if (lifetime > policy.maxLifetimeDays + 1) reasons.push(key.expiresAt ? `lives ${Math.round(lifetime)} days` : "never expires");
    }
    if (policy.adminRequiresExpiry && key.role === "admin" && key.expiresAt === null) reasons.push("Admin without expiry");
    return reasons.length > 0 ? [{ id: key.id, name: key.name, preview: key.preview, role: key.role, expiresAt: key.expiresAt, reasons: [...new Set(reasons)] }] : [];
  });
  const toDisable = policy.disableUnusedAfterDays === null ? 0 : await db().apiKey.count({ where: unusedWhere(projectId, policy.disableUnusedAfterDays, at) });
  return { keys: keys.slice(0, LISTED), total: keys.length, toDisable };
}
