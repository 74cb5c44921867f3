import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { aProject } from "@/lib/testing/fixtures";

// DNS rebinding (SPEC §15): the delivery connects to the address it checked, never to a second
// DNS answer. The check's resolver here answers 127.0.0.1 for a made-up name the system resolver
// has never heard of: a client that looked the host up again itself would fail (ENOTFOUND), so a
// delivery that arrives went to the checked address.

const lookups = vi.hoisted(() => ({ count: 0 }));
vi.mock("node:dns/promises", () => ({
  lookup: async () => {
    lookups.count++;
    return [{ address: "127.0.0.1", family: 4 }];
  },
}));

const { createEndpoint, sendTestEvent } = await import("./service");
const { createEndpointSchema } = await import("./schemas");
const { deliverPendingWebhooks, setWebhookDeliverySoonForTests } = await import("./outbox");

let server: http.Server;
const hosts: string[] = [];
beforeAll(async () => {
  process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE = "1";
  setWebhookDeliverySoonForTests(false);
  server = http.createServer((req, res) => {
    hosts.push(req.headers.host ?? "");
    req.resume();
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  delete process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it("connects to the address it checked (the host name is looked up once per attempt, by the check)", async () => {
  const port = (server.address() as AddressInfo).port;
  const { project, ctx } = await aProject();
  const { endpoint } = await createEndpoint(project.id, createEndpointSchema.parse({ url: `http://hooks.rebinding.invalid:${port}/in`, events: ["key.created"] }), ctx);
  await sendTestEvent(project.id, endpoint.id, ctx);
  lookups.count = 0;
  expect(await deliverPendingWebhooks()).toEqual({ succeeded: 1, failed: 0 });
  expect(lookups.count).toBe(1);
  expect(hosts).toEqual([`hooks.rebinding.invalid:${port}`]);
  expect(await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({ status: "succeeded", responseStatus: 204 });
});
