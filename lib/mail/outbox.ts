import "server-only";
import { db, type Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { smtpTransport } from "./transport";

// The transactional outbox (SPEC §9): mail is written in the transaction of the change it reports,
// so a committed change never loses its mail and a rolled-back one never sends any. Delivery runs
// after the commit, over SMTP when SMTP_URL is set; without it the rows are the local outbox that
// /dev/mailbox shows.

export type OutgoingMail = { subject: string; body: string };

const MAX_ATTEMPTS = 5;
const BATCH = 50;

/** One row per recipient, so no recipient learns who else was told. */
export async function enqueueMail(tx: Tx, recipients: string[], mail: OutgoingMail): Promise<void> {
  const unique = [...new Set(recipients.map((r) => r.toLowerCase()))];
  if (unique.length === 0) return;
  const createdAt = now();
  await tx.mail.createMany({ data: unique.map((recipient) => ({ recipient, subject: mail.subject, body: mail.body, createdAt })) });
}

export type DeliveryReport = { sent: number; failed: number };

async function deliverOnce(): Promise<DeliveryReport> {
  const transport = smtpTransport();
  const report = { sent: 0, failed: 0 };
  if (!transport) return report;
  const pending = await db().mail.findMany({
    where: { sentAt: null, attempts: { lt: MAX_ATTEMPTS }, OR: [{ retryAt: null }, { retryAt: { lte: now() } }] },
    orderBy: { createdAt: "asc" },
    take: BATCH,
    select: { id: true, recipient: true, subject: true, body: true, attempts: true },
  });
  for (const mail of pending) {
    // Claimed by bumping the attempt count it was read with: of several instances, one sends it.
    const claim = await db().mail.updateMany({ where: { id: mail.id, sentAt: null, attempts: mail.attempts }, data: { attempts: mail.attempts + 1 } });
    if (claim.count !== 1) continue;
    try {
      await transport.sendMail({ from: mailFrom(), to: mail.recipient, subject: mail.subject, text: mail.body });
      await db().mail.update({ where: { id: mail.id }, data: { sentAt: now(), lastError: null } });
      report.sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 500) : "unknown error";
      const retryAt = new Date(now().getTime() + 2 ** (mail.attempts + 1) * 60_000);
      await db().mail.update({ where: { id: mail.id }, data: { lastError: reason, retryAt } });
      console.error(`mail: delivery to one recipient failed (attempt ${mail.attempts + 1} of ${MAX_ATTEMPTS}): ${reason}`);
      report.failed++;
    }
  }
  return report;
}

const holder = globalThis as unknown as { __latchkeyMailChain?: Promise<unknown> };

/** Sends what is pending. Calls in one process run one after another, never side by side. */
export function deliverPending(): Promise<DeliveryReport> {
  const run = (holder.__latchkeyMailChain ?? Promise.resolve()).then(deliverOnce);
  holder.__latchkeyMailChain = run.catch(() => undefined);
  return run;
}

/** Starts a delivery after a commit without making the request wait for the SMTP server. */
export function deliverSoon(): void {
  if (!smtpTransport()) return;
  deliverPending().catch((error) => console.error("mail: delivery run failed:", error instanceof Error ? error.message : error));
}

export function mailFrom(): string {
  return process.env.MAIL_FROM || "Latchkey <latchkey@localhost>";
}
