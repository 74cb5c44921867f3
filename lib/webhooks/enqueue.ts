import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { eventOfAuditAction, PAYLOAD_DETAILS, type WebhookEvent } from "./events";
import { deliverWebhooksSoon } from "./outbox";

// Events enter the outbox here, from recordAudit, in the transaction of the change they report.
// A payload is built from an allow list (events.ts PAYLOAD_DETAILS): ids, names, settings and the
// actor, never key material, a hash or a signing secret.

type Actor = { type: string; label: string };
type AuditLike = { projectId: string; action: string; target?: { type: string; id: string; label?: string }; changes?: Record<string, unknown> };

/** A Standard Webhooks message id: the same on every attempt, so receivers can drop duplicates. */
export const newMessageId = () => `msg_${randomUUID().replaceAll("-", "")}`;

export function eventPayload(type: string, project: { id: string; slug: string }, data: Record<string, unknown>, at = now()): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data: { project, ...data } });
}

function keyDetails(event: WebhookEvent, changes: Record<string, unknown> | undefined): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const field of PAYLOAD_DETAILS[event]) if (changes && changes[field] !== undefined) details[field] = changes[field];
  return details;
}

/** One delivery per endpoint of the project subscribed to the event an audit action raises, if any. */
export async function enqueueWebhookEvent(tx: Tx, actor: Actor, input: AuditLike): Promise<void> {
  const event = eventOfAuditAction(input.action);
  if (!event || !input.target) return;
  const endpoints = await tx.webhookEndpoint.findMany({ where: { projectId: input.projectId }, select: { id: true, events: true } });
  const subscribed = endpoints.filter((endpoint) => endpoint.events.split(",").includes(event));
  if (subscribed.length === 0) return;
  const project = await tx.project.findUnique({ where: { id: input.projectId }, select: { id: true, slug: true } });
  if (!project) return;
  const at = now();
  const payload = eventPayload(
    event,
    project,
    { key: { id: input.target.id, name: input.target.label ?? null, ...keyDetails(event, input.changes) }, actor: { type: actor.type, label: actor.label } },
    at,
  );
  await tx.webhookDelivery.createMany({
    data: subscribed.map((endpoint) => ({ endpointId: endpoint.id, messageId: newMessageId(), eventType: event, payload, nextAttemptAt: at, createdAt: at })),
  });
  deliverWebhooksSoon();
}
