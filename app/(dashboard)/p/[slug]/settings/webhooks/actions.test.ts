import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { open } from "@/lib/crypto/secret-box";
import { aMember, aProject } from "@/lib/testing/fixtures";
import { createEndpoint } from "@/lib/webhooks/service";
import { MAX_ENDPOINTS_PER_PROJECT } from "@/lib/webhooks/schemas";
import { setWebhookDeliverySoonForTests } from "@/lib/webhooks/outbox";
import type { SessionUser } from "@/lib/auth/session";

// The Webhooks page's server actions, called directly as a forged POST would call them, with the
// session of whoever the test says is signed in.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requestMeta: async () => ({ ip: "198.51.100.4", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createEndpointAction, deleteEndpointAction, sendTestEventAction } = await import("./actions");

// A public address literal: no DNS lookup, and nothing is sent (the tests start no delivery run).
const URL_OK = "https://93.184.215.14/webhooks";

const form = (values: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of [v].flat()) data.append(k, item);
  return data;
};

async function snapshot(projectId: string) {
  const [endpoints, deliveries, audit] = await Promise.all([
    db().webhookEndpoint.findMany({ where: { projectId }, orderBy: { id: "asc" }, select: { id: true, url: true, events: true } }),
    db().webhookDelivery.count({ where: { endpoint: { projectId } } }),
    db().auditEntry.count({ where: { projectId } }),
  ]);
  return { endpoints, deliveries, audit };
}

const asOwner = (team: { userId: string; email: string }) => (session.user = { id: team.userId, email: team.email, name: "Owner" });

beforeAll(() => setWebhookDeliverySoonForTests(false));
afterAll(() => setWebhookDeliverySoonForTests(true));
beforeEach(() => {
  session.user = null;
  delete process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE;
});

describe("webhook server actions", () => {
  it("adds an endpoint for an admin, returns its signing secret once and keeps it sealed", async () => {
    const { project } = await aProject();
    const admin = await aMember(project.id, "admin");
    session.user = admin;
    const result = await createEndpointAction(null, form({ projectSlug: project.slug, url: URL_OK, "events[]": ["key.revoked", "key.created"] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(row).toMatchObject({ projectId: project.id, url: URL_OK, events: "key.created,key.revoked", createdById: admin.id });
    expect(row.encryptedSecret).not.toContain(result.data.secret.slice(6));
    expect(open(row.encryptedSecret)).toBe(result.data.secret);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "webhook.created" } });
    expect(audit).toMatchObject({ actorId: admin.id, targetId: row.id, targetLabel: URL_OK });
    expect(audit.changes).not.toContain(result.data.secret.slice(6));
  });

  it("refuses a viewer who calls add, delete or send test event directly, and changes nothing", async () => {
    const owner = await aProject();
    const { endpoint } = await createEndpoint(owner.project.id, { url: URL_OK, events: ["key.created"] }, owner.ctx);
    session.user = await aMember(owner.project.id, "viewer");
    const before = await snapshot(owner.project.id);
    const results = await Promise.all([
      createEndpointAction(null, form({ projectSlug: owner.project.slug, url: URL_OK, "events[]": "key.created" })),
      deleteEndpointAction(null, { projectSlug: owner.project.slug, id: endpoint.id }),
      sendTestEventAction(null, { projectSlug: owner.project.slug, id: endpoint.id }),
    ]);
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await snapshot(owner.project.id)).toEqual(before);
  });

  it("refuses a signed-out caller", async () => {
    const { project } = await aProject();
    const result = await createEndpointAction(null, form({ projectSlug: project.slug, url: URL_OK, "events[]": "key.created" }));
    expect(result).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(await db().webhookEndpoint.count({ where: { projectId: project.id } })).toBe(0);
  });

  it.each([
    ["no URL and no event", {}, ["events", "url"]],
    ["credentials in the URL", { url: "https://me:hunter2@hooks.example.com/in", "events[]": "key.created" }, ["url"]],
    ["a private address", { url: "http://10.0.0.1/in", "events[]": "key.created" }, ["url"]],
    ["the cloud metadata address", { url: "http://169.254.169.254/latest/meta-data/", "events[]": "key.created" }, ["url"]],
    ["loopback by name", { url: "http://localhost:8080/in", "events[]": "key.created" }, ["url"]],
    ["an unknown event", { url: URL_OK, "events[]": ["key.created", "key.exploded"] }, ["events.1"]],
  ])("gives %s field errors and saves nothing", async (_case, values, fields) => {
    const team = await aProject();
    asOwner(team);
    const before = await snapshot(team.project.id);
    const result = await createEndpointAction(null, form({ projectSlug: team.project.slug, ...values }));
    expect(result).toMatchObject({ ok: false, error: { code: "validation_failed" } });
    if (result.ok) return;
    expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual(fields);
    expect(await snapshot(team.project.id)).toEqual(before);
  });

  it(`allows at most ${MAX_ENDPOINTS_PER_PROJECT} endpoints per project`, async () => {
    const team = await aProject();
    for (let i = 0; i < MAX_ENDPOINTS_PER_PROJECT; i++) await createEndpoint(team.project.id, { url: `${URL_OK}/${i}`, events: ["key.created"] }, team.ctx);
    asOwner(team);
    const result = await createEndpointAction(null, form({ projectSlug: team.project.slug, url: URL_OK, "events[]": "key.created" }));
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await db().webhookEndpoint.count({ where: { projectId: team.project.id } })).toBe(MAX_ENDPOINTS_PER_PROJECT);
  });

  it("sends a test event through the outbox, audited, and raises no other event", async () => {
    const team = await aProject();
    const { endpoint } = await createEndpoint(team.project.id, { url: URL_OK, events: ["key.created"] }, team.ctx);
    asOwner(team);
    const result = await sendTestEventAction(null, { projectSlug: team.project.slug, id: endpoint.id });
    expect(result.ok).toBe(true);
    const rows = await db().webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ eventType: "webhook.test", status: "pending", attempts: 0 });
    expect(JSON.parse(rows[0].payload)).toMatchObject({ type: "webhook.test", data: { project: { id: team.project.id, slug: team.project.slug }, endpoint: { id: endpoint.id } } });
    expect(await db().auditEntry.count({ where: { projectId: team.project.id, action: "webhook.test_sent" } })).toBe(1);
  });

  it("deletes an endpoint of the project with its deliveries, and gives another project's endpoint not_found, leaving it alone", async () => {
    const a = await aProject("Project A");
    const b = await aProject("Project B");
    const own = await createEndpoint(a.project.id, { url: URL_OK, events: ["key.created"] }, a.ctx);
    const foreign = await createEndpoint(b.project.id, { url: URL_OK, events: ["key.created"] }, b.ctx);
    asOwner(a);
    const before = await snapshot(b.project.id);
    for (const refused of [
      await deleteEndpointAction(null, { projectSlug: a.project.slug, id: foreign.endpoint.id }),
      await sendTestEventAction(null, { projectSlug: a.project.slug, id: foreign.endpoint.id }),
    ])
      expect(refused).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await snapshot(b.project.id)).toEqual(before);

    await sendTestEventAction(null, { projectSlug: a.project.slug, id: own.endpoint.id });
    expect(await deleteEndpointAction(null, { projectSlug: a.project.slug, id: own.endpoint.id })).toEqual({ ok: true, data: { id: own.endpoint.id } });
    expect(await db().webhookEndpoint.count({ where: { id: own.endpoint.id } })).toBe(0);
    expect(await db().webhookDelivery.count({ where: { endpointId: own.endpoint.id } })).toBe(0);
    expect(await db().auditEntry.count({ where: { projectId: a.project.id, action: "webhook.deleted", targetId: own.endpoint.id } })).toBe(1);
  });
});
