import "server-only";
import { Webhook } from "standardwebhooks";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { open } from "@/lib/crypto/secret-box";
import { AddressRefused, deliverableAddresses } from "./address";
import { postWebhook, type PostOutcome } from "./http";

// The webhook outbox (SPEC §15), like mail's (lib/mail/outbox.ts): a delivery row is written in the
// transaction of the change it reports and sent after the commit. Each attempt is claimed by
// bumping the attempt count it was read with, so of several instances exactly one makes it; the
// claim also moves nextAttemptAt past the attempt, so no one else takes the row while it is in
// flight. A 2xx answer succeeds; anything else is retried after RETRY_DELAYS_MS, then "failed".

/** The wait after each failed attempt; one more attempt than there are waits. */
export const RETRY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000, 6 * 60 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const DELIVERY_TIMEOUT_MS = 10_000;
export const RESPONSE_LIMIT_BYTES = 64 * 1024;
export const USER_AGENT = "Latchkey-Webhooks/1";
const BATCH = 20;
const CONCURRENCY = 5;

export type DeliveryOptions = { timeoutMs?: number };
export type WebhookDeliveryReport = { succeeded: number; failed: number };

type Due = { id: string; messageId: string; payload: string; attempts: number; endpoint: { url: string; encryptedSecret: string } };

/** Sends one attempt; never throws (the reason is what the log shows). */
async function send(delivery: Due, timeoutMs: number): Promise<PostOutcome> {
  const deadline = Date.now() + timeoutMs;
  try {
    const url = new URL(delivery.endpoint.url);
    // Checked again now: what the host resolves to may have changed since the endpoint was added.
    const [address] = await deliverableAddresses(url);
    const secret = open(delivery.endpoint.encryptedSecret);
    // The wall clock, not lib/clock: receivers compare webhook-timestamp with their own clocks.
    const sentAt = new Date();
    const headers = {
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      "webhook-id": delivery.messageId,
      "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(delivery.messageId, sentAt, delivery.payload),
    };
    return await postWebhook(url, address, headers, delivery.payload, { timeoutMs: Math.max(1, deadline - Date.now()), maxBytes: RESPONSE_LIMIT_BYTES });
  } catch (error) {
    return { ok: false, status: null, error: error instanceof AddressRefused ? error.message : "The delivery could not be prepared." };
  }
}

async function attempt(delivery: Due, timeoutMs: number): Promise<boolean | null> {
  const attempts = delivery.attempts + 1;
  const startedAt = now();
  const wait = RETRY_DELAYS_MS[attempts - 1] ?? RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1];
  const claim = await db().webhookDelivery.updateMany({
    where: { id: delivery.id, status: "pending", attempts: delivery.attempts },
    data: { attempts, lastAttemptAt: startedAt, nextAttemptAt: new Date(startedAt.getTime() + Math.max(wait, timeoutMs + 60_000)) },
  });
  if (claim.count !== 1) return null;
  const outcome = await send(delivery, timeoutMs);
  const result = { responseStatus: outcome.status, lastError: outcome.error?.slice(0, 300) ?? null };
  if (outcome.ok) {
    await db().webhookDelivery.update({ where: { id: delivery.id }, data: { ...result, status: "succeeded" } });
  } else if (attempts >= MAX_ATTEMPTS) {
    await db().webhookDelivery.update({ where: { id: delivery.id }, data: { ...result, status: "failed" } });
  } else {
    await db().webhookDelivery.update({ where: { id: delivery.id }, data: { ...result, nextAttemptAt: new Date(now().getTime() + wait) } });
  }
  return outcome.ok;
}

async function deliverOnce({ timeoutMs = DELIVERY_TIMEOUT_MS }: DeliveryOptions): Promise<WebhookDeliveryReport> {
  // A last attempt whose instance stopped before recording it: failed once its claim has run out.
  await db().webhookDelivery.updateMany({ where: { status: "pending", attempts: { gte: MAX_ATTEMPTS }, nextAttemptAt: { lte: now() } }, data: { status: "failed" } });
  const due = await db().webhookDelivery.findMany({
    where: { status: "pending", attempts: { lt: MAX_ATTEMPTS }, nextAttemptAt: { lte: now() } },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true, messageId: true, payload: true, attempts: true, endpoint: { select: { url: true, encryptedSecret: true } } },
  });
  const report = { succeeded: 0, failed: 0 };
  // A few at a time: one endpoint that hangs for the whole timeout does not hold up the rest.
  for (let i = 0; i < due.length; i += CONCURRENCY) {
    const outcomes = await Promise.all(due.slice(i, i + CONCURRENCY).map((delivery) => attempt(delivery, timeoutMs)));
    for (const ok of outcomes) if (ok !== null) report[ok ? "succeeded" : "failed"]++;
  }
  return report;
}

const holder = globalThis as unknown as { __latchkeyWebhookChain?: Promise<unknown>; __latchkeyWebhookSoon?: { enabled: boolean; timers: number } };
const soon = () => (holder.__latchkeyWebhookSoon ??= { enabled: true, timers: 0 });

/** Makes the attempts that are due. Calls in one process run one after another, never side by side. */
export function deliverPendingWebhooks(options: DeliveryOptions = {}): Promise<WebhookDeliveryReport> {
  const run = (holder.__latchkeyWebhookChain ?? Promise.resolve()).then(() => deliverOnce(options));
  holder.__latchkeyWebhookChain = run.catch(() => undefined);
  return run;
}

// After a change, the transaction that wrote the delivery may still be open: a few tries over the
// next seconds catch its commit, and the per-minute job (lib/jobs.ts) catches anything later.
const SOON_MS = [150, 1_000, 5_000];
const MAX_SOON_TIMERS = 2 * SOON_MS.length;

/** Starts delivery shortly, without making the request that caused the event wait for it. */
export function deliverWebhooksSoon(): void {
  const state = soon();
  if (!state.enabled || state.timers >= MAX_SOON_TIMERS) return;
  for (const ms of SOON_MS) {
    state.timers++;
    setTimeout(() => {
      state.timers--;
      deliverPendingWebhooks().catch((error) => console.error("webhooks: delivery run failed:", error instanceof Error ? error.message : error));
    }, ms).unref();
  }
}

/** Tests that drive delivery themselves turn the automatic runs off, so attempts happen when they say. */
export function setWebhookDeliverySoonForTests(enabled: boolean): void {
  soon().enabled = enabled;
}
