import "server-only";
import { db } from "@/lib/db";

// What the Webhooks pages show: endpoints and their deliveries, never a signing secret or a payload.

const splitEvents = (events: string) => events.split(",").filter(Boolean);

export async function listEndpoints(projectId: string) {
  const rows = await db().webhookEndpoint.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, url: true, events: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, events: splitEvents(row.events) }));
}
export type EndpointListItem = Awaited<ReturnType<typeof listEndpoints>>[number];

export const DELIVERY_LOG_SIZE = 50;

/** One endpoint and its latest deliveries, newest first; null for another project's or an unknown id. */
export async function endpointWithDeliveries(projectId: string, id: string) {
  const endpoint = await db().webhookEndpoint.findFirst({ where: { id, projectId }, select: { id: true, url: true, events: true, createdAt: true } });
  if (!endpoint) return null;
  const deliveries = await db().webhookDelivery.findMany({
    where: { endpointId: id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DELIVERY_LOG_SIZE,
    select: { id: true, messageId: true, eventType: true, status: true, attempts: true, responseStatus: true, lastError: true, nextAttemptAt: true, lastAttemptAt: true, createdAt: true },
  });
  return { endpoint: { ...endpoint, events: splitEvents(endpoint.events) }, deliveries };
}
export type DeliveryLogItem = NonNullable<Awaited<ReturnType<typeof endpointWithDeliveries>>>["deliveries"][number];
