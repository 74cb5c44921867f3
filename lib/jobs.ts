import "server-only";
import { sendExpiryNotices } from "@/lib/keys/expiry-notices";
import { disableUnusedKeys } from "@/lib/keys/unused-keys";
import { deliverPending } from "@/lib/mail/outbox";
import { deliverPendingWebhooks } from "@/lib/webhooks/outbox";
import { smtpTransport } from "@/lib/mail/transport";
import { deleteOldUsage } from "@/lib/keys/usage";
import { deleteExpiredIdempotentRequests } from "@/lib/api/idempotency";
import { deleteExpiredTokens } from "@/lib/oauth/tokens";

// Work a server does on its own, every minute: expiry notices, the key policy's disabling of
// unused keys, another try at mail that could not be delivered yet, the webhook attempts that are
// due (retries after back-off), retention of per-key usage, of Idempotency-Key answers (24 hours)
// and of expired OAuth access tokens (a day past expiry).
// Started once per process by instrumentation.ts.

const EVERY_MS = 60_000;
const holder = globalThis as unknown as { __latchkeyJobs?: NodeJS.Timeout };

async function tick(): Promise<void> {
  try {
    await sendExpiryNotices();
    await disableUnusedKeys();
    if (smtpTransport()) await deliverPending();
    await deliverPendingWebhooks();
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
