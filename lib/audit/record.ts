import "server-only";
import type { Tx } from "@/lib/db";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue";

// Every mutation writes its audit entry through this function, inside the mutation's own
// transaction (SPEC §8). `changes` must never carry a secret: callers pass field names and values
// of settings only. It is also where key events become webhook deliveries (lib/webhooks/enqueue.ts),
// in the same transaction: the actions that raise an event are listed in lib/webhooks/events.ts.

export type Actor = { type: "user" | "key" | "system"; id: string | null; label: string };
export type RequestMeta = { ip: string | null; userAgent: string | null };
export type AuditContext = { actor: Actor; meta: RequestMeta };

export type AuditInput = {
  projectId: string;
  action: string;
  target?: { type: string; id: string; label?: string };
  changes?: Record<string, unknown>;
};

export async function recordAudit(tx: Tx, ctx: AuditContext, input: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      projectId: input.projectId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      actorLabel: ctx.actor.label,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      targetLabel: input.target?.label ?? null,
      ip: ctx.meta.ip,
      userAgent: ctx.meta.userAgent?.slice(0, 512) ?? null,
      changes: input.changes ? JSON.stringify(input.changes) : null,
    },
  });
  await enqueueWebhookEvent(tx, ctx.actor, input);
}
