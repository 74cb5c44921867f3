import "server-only";
import { db } from "@/lib/db";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { mailKeyManagers } from "@/lib/mail/notify";
import { keyQuotaMail } from "@/lib/mail/templates";
import { deliverSoon } from "@/lib/mail/outbox";
import type { QuotaThreshold } from "./quota";
import { ensureQuotaPeriod } from "./quota-period";

const QUOTA: AuditContext = { actor: { type: "system", id: null, label: "Quota" }, meta: { ip: null, userAgent: null } };

/**
 * The notice that a key used 80% or all of its quota (SPEC §16): once per key, period and
 * threshold across instances (a conditional write on the period's row), audited as
 * key.quota_reached (which also sends the webhook) and mailed to the project's owners and admins.
 */
export async function sendQuotaNotice(keyId: string, periodStart: number, threshold: QuotaThreshold, limit: number): Promise<boolean> {
  const start = new Date(periodStart);
  await ensureQuotaPeriod(keyId, periodStart);
  const flag = threshold === 80 ? "notified80" : "notified100";
  const sent = await db().$transaction(async (tx) => {
    const claim = await tx.keyQuotaPeriod.updateMany({ where: { keyId, periodStart: start, [flag]: false }, data: { [flag]: true } });
    if (claim.count !== 1) return false;
    const key = await tx.apiKey.findUnique({
      where: { id: keyId },
      select: { id: true, name: true, preview: true, projectId: true, quotaPeriod: true, project: { select: { slug: true, name: true } } },
    });
    if (!key) return false;
    await recordAudit(tx, QUOTA, {
      projectId: key.projectId,
      action: "key.quota_reached",
      target: { type: "api_key", id: key.id, label: key.name },
      changes: { threshold, quota: limit, period: key.quotaPeriod, periodStart: start },
    });
    await mailKeyManagers(tx, key.projectId, keyQuotaMail({ project: key.project, key, threshold, quota: limit, period: key.quotaPeriod ?? "day" }));
    return true;
  });
  if (sent) deliverSoon();
  return sent;
}
