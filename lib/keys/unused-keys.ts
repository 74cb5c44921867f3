import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { now } from "@/lib/clock";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { mailKeyManagers } from "@/lib/mail/notify";
import { keysDisabledUnusedMail } from "@/lib/mail/templates";
import { deliverSoon } from "@/lib/mail/outbox";
import { announceKeyChange, keyChanged } from "./key-changes";
import { API_KEY } from "./format";
import { unexpiredAt, unusedSince } from "./hygiene";

// The key policy's "disable keys unused for N days" (SPEC §15). A key counts as unused when neither
// a request (lastUsedAt, or its creation if never used) nor a change (updatedAt: an edit, or being
// enabled again) happened in the last N days; so a key enabled again gets N more days.

const DAY_MS = 86_400_000;
/** Keys disabled per project and run; the rest wait for the next run. */
const BATCH = 200;
const POLICY: AuditContext = { actor: { type: "system", id: null, label: "Key policy" }, meta: { ip: null, userAgent: null } };

export function unusedWhere(projectId: string, days: number, at: Date): Prisma.ApiKeyWhereInput {
  const cutoff = new Date(at.getTime() - days * DAY_MS);
  return {
    projectId,
    kind: API_KEY,
    revokedAt: null,
    disabledAt: null,
    updatedAt: { lt: cutoff },
    AND: [unexpiredAt(at), unusedSince(cutoff)],
  };
}

/**
 * One run over every project with the rule set: each key found is disabled by a write conditional
 * on the same rule (so a key used, edited or disabled meanwhile, or by another instance's run, is
 * left alone), audited as disabled by "Key policy", and the project's owners and admins get one
 * mail per run. Returns how many keys were disabled.
 */
export async function disableUnusedKeys(at = now()): Promise<number> {
  const projects = await db().project.findMany({ where: { disableUnusedAfterDays: { not: null } }, select: { id: true, slug: true, name: true, disableUnusedAfterDays: true } });
  let total = 0;
  for (const project of projects) {
    const days = project.disableUnusedAfterDays!;
    const where = unusedWhere(project.id, days, at);
    const disabled = await db().$transaction(async (tx) => {
      const stale = await tx.apiKey.findMany({ where, select: { id: true, name: true, preview: true }, orderBy: { id: "asc" }, take: BATCH });
      const changed: typeof stale = [];
      for (const key of stale) {
        const write = await tx.apiKey.updateMany({ where: { ...where, id: key.id }, data: { disabledAt: at, version: { increment: 1 } } });
        if (write.count !== 1) continue;
        await recordAudit(tx, POLICY, {
          projectId: project.id,
          action: "key.disabled",
          target: { type: "api_key", id: key.id, label: key.name },
          changes: { reason: `unused for ${days} days (key policy)` },
        });
        await announceKeyChange(tx, key.id);
        changed.push(key);
      }
      if (changed.length > 0) await mailKeyManagers(tx, project.id, keysDisabledUnusedMail({ project, keys: changed, days, at }));
      return changed;
    });
    for (const key of disabled) keyChanged(key.id);
    total += disabled.length;
  }
  if (total > 0) deliverSoon();
  return total;
}
