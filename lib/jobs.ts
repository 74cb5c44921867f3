import "server-only";
import { sendExpiryNotices } from "@/lib/keys/expiry-notices";
import { deliverPending } from "@/lib/mail/outbox";
import { smtpTransport } from "@/lib/mail/transport";
import { deleteOldUsage } from "@/lib/keys/usage";
import { deleteExpiredIdempotentRequests } from "@/lib/api/idempotency";
import { deleteExpiredTokens } from "@/lib/oauth/tokens";

// Work a server does on its own, every minute: expiry notices, another try at mail that could
// not be delivered yet, retention of per-key usage, of Idempotency-Key answers (24 hours) and of
// expired OAuth access tokens (a day past expiry).
// Started once per process by instrumentation.ts.

const EVERY_MS = 60_000;
const holder = globalThis as unknown as { __latchkeyJobs?: NodeJS.Timeout };

async function tick(): Promise<void> {
  try {
    await sendExpiryNotices();
    if (smtpTransport()) await deliverPending();
    await deleteOldUsage();
    await deleteExpiredIdempotentRequests();
    await deleteExpiredTokens();
  } catch (error) {
    console.error("jobs: a background run failed:", error instanceof Error ? error.message : error);
  }
}

export function startBackgroundJobs(): void {
  if (holder.__latchkeyJobs) return;
  holder.__latchkeyJobs = setInterval(tick, EVERY_MS);
  holder.__latchkeyJobs.unref();
  setTimeout(tick, 5_000).unref();
}
