import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { disableKey, enableKey, revokeKey, rotateKey } from "@/lib/keys/service";
import { sendExpiryNotices } from "@/lib/keys/expiry-notices";
import { revokeReportedCredentials } from "@/lib/keys/leak-report";
import { sendQuotaNotice } from "@/lib/keys/quota-notices";
import { sendBrowserWarning } from "@/lib/api/restrictions";
import { WEBHOOK_EVENTS } from "./events";
import { createEndpoint } from "./service";
import { setWebhookDeliverySoonForTests } from "./outbox";

// Every key event of the catalogue is raised by the change it reports, through recordAudit, for
// the endpoints subscribed to it; audit actions outside the catalogue (key.enabled, webhook.*) raise none.

beforeAll(() => setWebhookDeliverySoonForTests(false));
afterAll(() => setWebhookDeliverySoonForTests(true));

it("raises created, rotated, disabled, revoked, expiring and leaked from the services that make those changes", async () => {
  const { project, ctx } = await aProject();
  const all = await createEndpoint(project.id, { url: "https://93.184.215.14/all", events: [...WEBHOOK_EVENTS] }, ctx);
  const leaksOnly = await createEndpoint(project.id, { url: "https://93.184.215.14/leaks", events: ["key.leaked"] }, ctx);

  const rotated = await aKey(ctx, project.id, "editor", { name: "Rotated" });
  const { key: replacement } = await rotateKey(project.id, { id: rotated.key.id, grace: "now" }, ctx);
  await disableKey(project.id, replacement.id, ctx);
  await enableKey(project.id, replacement.id, ctx);
  await revokeKey(project.id, replacement.id, ctx);
  const expiring = await aKey(ctx, project.id, "editor", { name: "Expiring" });
  const expiresAt = new Date(Date.now() + 3 * 86_400_000);
  await db().apiKey.update({ where: { id: expiring.key.id }, data: { expiresAt } });
  await sendExpiryNotices();
  const leaked = await aKey(ctx, project.id, "admin", { name: "Leaked" });
  expect(await revokeReportedCredentials([leaked.secret], { ip: "192.0.2.1", userAgent: "scanner" })).toBe(1);
  const limited = await aKey(ctx, project.id, "editor", { name: "Limited" });
  expect(await sendQuotaNotice(limited.key.id, Date.UTC(2026, 10, 1), 80, 1000)).toBe(true);
  expect(await sendBrowserWarning({ id: limited.key.id, projectId: project.id }, { origin: "https://shop.example.com", ip: "192.0.2.7", userAgent: "Mozilla/5.0" })).toBe(true);

  const rows = await db().webhookDelivery.findMany({ where: { endpointId: all.endpoint.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const events = rows.map((row) => {
    const payload = JSON.parse(row.payload) as { type: string; data: { key: { id: string; name: string } } };
    expect(payload.type).toBe(row.eventType);
    return [row.eventType, payload.data.key.name];
  });
  expect(events).toEqual([
    ["key.created", "Rotated"],
    ["key.rotated", "Rotated"],
    ["key.disabled", "Rotated"],
    ["key.revoked", "Rotated"],
    ["key.created", "Expiring"],
    ["key.expiring", "Expiring"],
    ["key.created", "Leaked"],
    ["key.leaked", "Leaked"],
    ["key.created", "Limited"],
    ["key.quota_reached", "Limited"],
    ["key.secret_in_browser", "Limited"],
  ]);
  expect(JSON.parse(rows[9].payload).data.key).toMatchObject({ threshold: 80, quota: 1000 });
  expect(JSON.parse(rows[10].payload).data.key).toMatchObject({ origin: "https://shop.example.com" });
  const rotation = JSON.parse(rows[1].payload) as { data: { key: Record<string, unknown> } };
  expect(rotation.data.key).toMatchObject({ id: rotated.key.id, grace: "now", replacementId: replacement.id });
  const expiry = JSON.parse(rows[5].payload) as { data: { key: Record<string, unknown>; actor: Record<string, unknown> } };
  expect(expiry.data).toMatchObject({ key: { id: expiring.key.id, expiresAt: expiresAt.toISOString() }, actor: { type: "system" } });

  const leakRows = await db().webhookDelivery.findMany({ where: { endpointId: leaksOnly.endpoint.id } });
  expect(leakRows.map((row) => row.eventType)).toEqual(["key.leaked"]);
  for (const row of [...rows, ...leakRows]) for (const secret of [rotated.secret, expiring.secret, leaked.secret, limited.secret]) expect(row.payload).not.toContain(secret);
});
