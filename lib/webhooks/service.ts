import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { DomainError, notFound } from "@/lib/errors";
import { seal } from "@/lib/crypto/secret-box";
import { AddressRefused, deliverableAddresses } from "./address";
import { eventPayload, newMessageId } from "./enqueue";
import { WEBHOOK_TEST_EVENT } from "./events";
import { deliverWebhooksSoon } from "./outbox";
import { MAX_ENDPOINTS_PER_PROJECT, type CreateEndpointInput } from "./schemas";

// A project's webhook endpoints (SPEC §15): added by owners and admins, each with its own signing
// secret, which leaves the server once, in the answer to the create. Every change is audited
// (webhook.*); those actions raise no webhook event themselves (events.ts maps key.* only).

/** A Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/** At most this many test events wait per endpoint, so the button cannot fill the outbox. */
const MAX_PENDING_TESTS = 5;

export async function createEndpoint(projectId: string, input: CreateEndpointInput, ctx: AuditContext) {
  try {
    await deliverableAddresses(new URL(input.url));
  } catch (error) {
    if (error instanceof AddressRefused) throw new DomainError("validation_failed", error.message, "url");
    throw error;
  }
  const secret = newSigningSecret();
  const endpoint = await db().$transaction(async (tx) => {
    const count = await tx.webhookEndpoint.count({ where: { projectId } });
    if (count >= MAX_ENDPOINTS_PER_PROJECT) throw new DomainError("conflict", `A project can have at most ${MAX_ENDPOINTS_PER_PROJECT} webhook endpoints. Delete one first.`);
    const row = await tx.webhookEndpoint.create({
      data: { projectId, url: input.url, events: input.events.join(","), encryptedSecret: seal(secret), createdById: ctx.actor.type === "user" ? ctx.actor.id : null, createdAt: now() },
      select: { id: true, url: true, events: true, createdAt: true },
    });
    await recordAudit(tx, ctx, { projectId, action: "webhook.created", target: { type: "webhook_endpoint", id: row.id, label: row.url }, changes: { url: row.url, events: input.events } });
    return { ...row, events: input.events };
  });
  return { endpoint, secret };
}

export async function deleteEndpoint(projectId: string, id: string, ctx: AuditContext) {
  return db().$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({ where: { id, projectId }, select: { id: true, url: true } });
    if (!endpoint) throw notFound("Webhook endpoint");
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id, projectId } });
    if (count !== 1) throw notFound("Webhook endpoint");
    await recordAudit(tx, ctx, { projectId, action: "webhook.deleted", target: { type: "webhook_endpoint", id, label: endpoint.url } });
    return { id };
  });
}

/** "Send test event": a webhook.test message to this one endpoint, through the same outbox. */
export async function sendTestEvent(projectId: string, id: string, ctx: AuditContext) {
  const delivery = await db().$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({ where: { id, projectId }, select: { id: true, url: true, project: { select: { id: true, slug: true } } } });
    if (!endpoint) throw notFound("Webhook endpoint");
    const waiting = await tx.webhookDelivery.count({ where: { endpointId: id, eventType: WEBHOOK_TEST_EVENT, status: "pending" } });
    if (waiting >= MAX_PENDING_TESTS) throw new DomainError("conflict", "Earlier test events to this endpoint are still waiting to be delivered. Try again once they are.");
    const at = now();
    const row = await tx.webhookDelivery.create({
      data: {
        endpointId: id,
        messageId: newMessageId(),
        eventType: WEBHOOK_TEST_EVENT,
        payload: eventPayload(WEBHOOK_TEST_EVENT, endpoint.project, { endpoint: { id }, actor: { type: ctx.actor.type, label: ctx.actor.label } }, at),
        nextAttemptAt: at,
        createdAt: at,
      },
      select: { id: true, messageId: true },
    });
    await recordAudit(tx, ctx, { projectId, action: "webhook.test_sent", target: { type: "webhook_endpoint", id, label: endpoint.url } });
    return row;
  });
  deliverWebhooksSoon();
  return delivery;
}
