import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { db } from "@/lib/db";
import { setClockOffsetForTests } from "@/lib/clock";
import { hashKey } from "@/lib/keys/hash";
import { revokeKey } from "@/lib/keys/service";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { createEndpointSchema } from "./schemas";
import { createEndpoint, sendTestEvent } from "./service";
import { deliverPendingWebhooks, MAX_ATTEMPTS, RETRY_DELAYS_MS, setWebhookDeliverySoonForTests, USER_AGENT } from "./outbox";

// Webhook delivery (SPEC §15) against receivers this test runs on 127.0.0.1 (allowed here through
// LATCHKEY_WEBHOOKS_ALLOW_PRIVATE=1); the test drives every attempt and moves the clock itself.

type Received = { headers: http.IncomingHttpHeaders; body: string; path: string };
type Receiver = { url: string; received: Received[]; answer: (res: http.ServerResponse, req: http.IncomingMessage) => void; close: () => Promise<void> };

const receivers: Receiver[] = [];

async function aReceiver(answer: Receiver["answer"] = (res) => res.writeHead(204).end()): Promise<Receiver> {
  const receiver: Receiver = { url: "", received: [], answer, close: async () => {} };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      receiver.received.push({ headers: req.headers, body, path: req.url ?? "" });
      receiver.answer(res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  receivers.push(receiver);
  return receiver;
}

async function anEndpoint(url: string, events: string[] = ["key.created"]) {
  const team = await aProject();
  const { endpoint, secret } = await createEndpoint(team.project.id, createEndpointSchema.parse({ url, events }), team.ctx);
  return { ...team, endpoint, secret };
}

const deliveryOf = (endpointId: string) => db().webhookDelivery.findFirstOrThrow({ where: { endpointId }, orderBy: { createdAt: "desc" } });
let offset = 0;
const advance = (ms: number) => setClockOffsetForTests((offset += ms));

beforeAll(() => {
  process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE = "1";
  setWebhookDeliverySoonForTests(false);
});
afterEach(async () => {
  offset = 0;
  setClockOffsetForTests(0);
  process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE = "1";
  // Nothing left due: the next test's run sees only its own deliveries.
  await db().webhookDelivery.deleteMany({});
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});
afterAll(() => {
  delete process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE;
  setWebhookDeliverySoonForTests(true);
});

describe("webhook delivery", () => {
  it("signs a key.created event so the Standard Webhooks library's verifier accepts it, and refuses a tampered body", async () => {
    const receiver = await aReceiver();
    const { project, ctx, endpoint, secret } = await anEndpoint(receiver.url);
    const { key } = await aKey(ctx, project.id, "editor", { name: "Billing" });

    expect(await deliverPendingWebhooks()).toEqual({ succeeded: 1, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    const [{ headers, body }] = receiver.received;
    expect(headers["user-agent"]).toBe(USER_AGENT);
    expect(headers["content-type"]).toBe("application/json");
    const verified = new Webhook(secret).verify(body, headers as Record<string, string>);
    expect(verified).toMatchObject({ type: "key.created", data: { project: { id: project.id, slug: project.slug }, key: { id: key.id, name: "Billing", role: "editor" } } });

    const tampered = body.replace("Billing", "Billinh");
    expect(() => new Webhook(secret).verify(tampered, headers as Record<string, string>)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(`whsec_${Buffer.from("another secret entirely").toString("base64")}`).verify(body, headers as Record<string, string>)).toThrow(WebhookVerificationError);

    expect(await deliveryOf(endpoint.id)).toMatchObject({ status: "succeeded", attempts: 1, responseStatus: 204, lastError: null, messageId: headers["webhook-id"] });
  });

  it("raises key.created and key.revoked for the endpoints subscribed to them, with no secret in any payload", async () => {
    const receiver = await aReceiver();
    const { project, ctx, endpoint, secret: signingSecret } = await anEndpoint(receiver.url, ["key.created", "key.revoked"]);
    const other = await createEndpoint(project.id, createEndpointSchema.parse({ url: receiver.url, events: ["key.rotated"] }), ctx);
    const { key, secret } = await aKey(ctx, project.id, "admin");
    await revokeKey(project.id, key.id, ctx);

    const rows = await db().webhookDelivery.findMany({ where: { endpoint: { projectId: project.id } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.endpointId, row.eventType])).toEqual([
      [endpoint.id, "key.created"],
      [endpoint.id, "key.revoked"],
    ]);
    expect(rows.filter((row) => row.endpointId === other.endpoint.id)).toEqual([]);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { hash: true, preview: true } });
    for (const row of rows) {
      expect(JSON.parse(row.payload)).toMatchObject({ type: row.eventType, data: { key: { id: key.id }, actor: { type: "user", label: ctx.actor.label } } });
      for (const secretThing of [secret, hashKey(secret), stored.hash, stored.preview, signingSecret, signingSecret.slice(6)]) expect(row.payload).not.toContain(secretThing);
      expect(row.payload).not.toMatch(/hash|encrypted|secret/i);
    }
    // The endpoints' own audit entries (webhook.created) raised nothing: no event loops.
    expect(await db().webhookDelivery.count({ where: { eventType: { startsWith: "webhook." } } })).toBe(0);
  });

  it("retries an endpoint that answers 500 with back-off, then delivers once and never again", async () => {
    let failures = 2;
    const receiver = await aReceiver((res) => {
      if (failures-- > 0) res.writeHead(500).end("down");
      else res.writeHead(200).end("ok");
    });
    const { project, ctx, endpoint } = await anEndpoint(receiver.url);
    await sendTestEvent(project.id, endpoint.id, ctx);

    expect(await deliverPendingWebhooks()).toEqual({ succeeded: 0, failed: 1 });
    let row = await deliveryOf(endpoint.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, responseStatus: 500, lastError: "HTTP 500." });
    expect(row.nextAttemptAt.getTime() - row.lastAttemptAt!.getTime()).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[0]);
    expect(row.nextAttemptAt.getTime() - row.lastAttemptAt!.getTime()).toBeLessThan(RETRY_DELAYS_MS[0] + 5_000);

    // Not due yet: nothing is sent before the back-off has passed.
    advance(RETRY_DELAYS_MS[0] - 5_000);
    expect(await deliverPendingWebhooks()).toEqual({ succeeded: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);

    advance(10_000);
    expect(await deliverPendingWebhooks()).toEqual({ succeeded: 0, failed: 1 });
    row = await deliveryOf(endpoint.id);
    expect(row).toMatchObject({ status: "pending", attempts: 2, responseStatus: 500 });
    expect(row.nextAttemptAt.getTime() - row.lastAttemptAt!.getTime()).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[1]);

    advance(RETRY_DELAYS_MS[1] + 1_000);
    expect(await deliverPendingWebhooks()).toEqual({ succeeded: 1, failed: 0 });
    expect(await deliveryOf(endpoint.id)).toMatchObject({ status: "succeeded", attempts: 3, responseStatus: 200, lastError: null });

    advance(24 * 60 * 60_000);
    expect(await deliverPendingWebhooks()).toEqual({ succeeded: 0, failed: 0 });
    expect(receiver.received).toHaveLength(3);
    // Every attempt is the same message: a receiver drops a duplicate by its webhook-id.
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(await db().webhookDelivery.count({ where: { endpointId: endpoint.id, status: "succeeded" } })).toBe(1);
  });

  it("gives up after the last attempt and marks the delivery failed", async () => {
    const receiver = await aReceiver((res) => res.writeHead(503).end());
    const { project, ctx, endpoint } = await anEndpoint(receiver.url);
    await sendTestEvent(project.id, endpoint.id, ctx);
    for (const wait of [0, ...RETRY_DELAYS_MS]) {
      advance(wait + 1_000);
      expect(await deliverPendingWebhooks()).toEqual({ succeeded: 0, failed: 1 });
    }
    expect(await deliveryOf(endpoint.id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, responseStatus: 503 });
    advance(7 * 24 * 60 * 60_000);
    expect(await deliverPendingWebhooks()).toEqual({ succeeded: 0, failed: 0 });
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
  });

  it("marks failed a last attempt whose instance stopped before recording it, once its claim has run out, without sending it again", async () => {
    const receiver = await aReceiver();
    const { project, ctx, endpoint } = await anEndpoint(receiver.url);
    const { id } = await sendTestEvent(project.id, endpoint.id, ctx);
    await db().webhookDelivery.update({ where: { id }, data: { attempts: MAX_ATTEMPTS, nextAttemptAt: new Date(Date.now() + 60_000) } });
    expect(await deliverPendingWebhooks()).toEqual({ succeeded: 0, failed: 0 });
    expect(await deliveryOf(endpoint.id)).toMatchObject({ status: "pending" });
    advance(61_000);
    await deliverPendingWebhooks();
    expect(await deliveryOf(endpoint.id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(receiver.received).toHaveLength(0);
  });

  it("one attempt across instances: of two runs racing for the same delivery, one sends it", async () => {
    let answered = 0;
    const receiver = await aReceiver((res) => {
      answered++;
      setTimeout(() => res.writeHead(204).end(), 100);
    });
    const { project, ctx, endpoint } = await anEndpoint(receiver.url);
    await sendTestEvent(project.id, endpoint.id, ctx);
    // The per-process chain runs calls one after another; a second process is another chain.
    const holder = globalThis as unknown as { __latchkeyWebhookChain?: Promise<unknown> };
    const first = deliverPendingWebhooks();
    holder.__latchkeyWebhookChain = undefined;
    const second = deliverPendingWebhooks();
    const reports = await Promise.all([first, second]);
    expect(reports.reduce((sum, r) => sum + r.succeeded, 0)).toBe(1);
    expect(answered).toBe(1);
    expect(await deliveryOf(endpoint.id)).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("fails an attempt at an endpoint that never answers once the timeout has passed", async () => {
    const receiver = await aReceiver(() => {});
    const { project, ctx, endpoint } = await anEndpoint(receiver.url);
    await sendTestEvent(project.id, endpoint.id, ctx);
    const started = Date.now();
    expect(await deliverPendingWebhooks({ timeoutMs: 300 })).toEqual({ succeeded: 0, failed: 1 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(receiver.received).toHaveLength(1);
    expect(await deliveryOf(endpoint.id)).toMatchObject({ status: "pending", attempts: 1, responseStatus: null, lastError: "No answer within 0.3 s." });
  });

  it("does not follow a redirect: a 3xx fails the attempt and its target is never called", async () => {
    const target = await aReceiver();
    const receiver = await aReceiver((res) => res.writeHead(307, { location: target.url }).end());
    const { project, ctx, endpoint } = await anEndpoint(receiver.url);
    await sendTestEvent(project.id, endpoint.id, ctx);
    expect(await deliverPendingWebhooks()).toEqual({ succeeded: 0, failed: 1 });
    expect(target.received).toHaveLength(0);
    expect(await deliveryOf(endpoint.id)).toMatchObject({ status: "pending", responseStatus: 307, lastError: "Redirect (HTTP 307) not followed." });
  });

  it("reads no more of an answer than the cap: an endless 200 still completes the attempt", async () => {
    const receiver = await aReceiver((res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = Buffer.alloc(16 * 1024, "x");
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    });
    const { project, ctx, endpoint } = await anEndpoint(receiver.url);
    await sendTestEvent(project.id, endpoint.id, ctx);
    expect(await deliverPendingWebhooks({ timeoutMs: 5_000 })).toEqual({ succeeded: 1, failed: 0 });
    expect(await deliveryOf(endpoint.id)).toMatchObject({ status: "succeeded", responseStatus: 200 });
  });

  it("checks the address again before each attempt: a private receiver is not called once private addresses are no longer allowed", async () => {
    const receiver = await aReceiver();
    const { project, ctx, endpoint } = await anEndpoint(receiver.url);
    await sendTestEvent(project.id, endpoint.id, ctx);
    delete process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE;
    expect(await deliverPendingWebhooks()).toEqual({ succeeded: 0, failed: 1 });
    expect(receiver.received).toHaveLength(0);
    const row = await deliveryOf(endpoint.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, responseStatus: null });
    expect(row.lastError).toMatch(/127\.0\.0\.1 is a private, loopback or otherwise internal address/);
  });
});
