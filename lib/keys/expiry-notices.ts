import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { API_KEY } from "./format";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { deliverSoon } from "@/lib/mail/outbox";
import { mailKeyManagers } from "@/lib/mail/notify";
import { keyExpiringMail } from "@/lib/mail/templates";

export const EXPIRY_NOTICE_WINDOW_MS = 7 * 86_400_000;
const SYSTEM: AuditContext = { actor: { type: "system", id: null, label: "Latchkey" }, meta: { ip: null, userAgent: null } };

/**
 * Tells owners and admins once when a key expires within 7 days (SPEC §9). A replaced key is
 * left out: its expiry is the grace period someone chose when rotating it. Each key is claimed by
 * a conditional update, so instances sweeping at the same time never send a notice twice.
 */
export async function sendExpiryNotices(at: Date = now()): Promise<number> {
  const due = await db().apiKey.findMany({
    where: { kind: API_KEY, expiryNotifiedAt: null, revokedAt: null, replacedById: null, expiresAt: { gt: at, lte: new Date(at.getTime() + EXPIRY_NOTICE_WINDOW_MS) } },
    orderBy: { expiresAt: "asc" },
    take: 500,
    select: { id: true, name: true, preview: true, expiresAt: true, projectId: true, project: { select: { slug: true, name: true } } },
  });
  let sent = 0;
  for (const key of due) {
    const claimed = await db().$transaction(async (tx) => {
      const claim = await tx.apiKey.updateMany({ where: { id: key.id, expiryNotifiedAt: null }, data: { expiryNotifiedAt: at } });
      if (claim.count !== 1) return false;
      await mailKeyManagers(tx, key.projectId, keyExpiringMail({ project: key.project, key, expiresAt: key.expiresAt! }));
      await recordAudit(tx, SYSTEM, { projectId: key.projectId, action: "key.expiry_notice_sent", target: { type: "api_key", id: key.id, label: key.name }, changes: { expiresAt: key.expiresAt } });
      return true;
    });
    if (claimed) sent++;
  }
  if (sent > 0) deliverSoon();
  return sent;
}
