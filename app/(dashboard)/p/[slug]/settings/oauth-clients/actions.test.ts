import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { aMember, aProject } from "@/lib/testing/fixtures";
import { registerClient } from "@/lib/oauth/clients";
import type { SessionUser } from "@/lib/auth/session";

// The OAuth clients page's server actions, called directly as a forged POST would call them,
// with the session of whoever the test says is signed in.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requestMeta: async () => ({ ip: "198.51.100.4", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { registerClientAction, deleteClientAction } = await import("./actions");

async function snapshot(projectId: string) {
  const [clients, keys, audit] = await Promise.all([
    db().oAuthClient.findMany({ where: { projectId }, orderBy: { id: "asc" }, select: { id: true, name: true, scope: true } }),
    db().apiKey.count({ where: { projectId } }),
    db().auditEntry.count({ where: { projectId } }),
  ]);
  return { clients, keys, audit };
}

const form = (values: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of [v].flat()) data.append(k, item);
  return data;
};

async function aClient(projectId: string, owner: { userId: string; email: string; ctx: Parameters<typeof registerClient>[2] }) {
  const { client } = await registerClient(projectId, { name: "Billing sync", scopes: ["campaigns:read"], authMethod: "client_secret_basic" }, owner.ctx, {
    type: "user",
    id: owner.userId,
    label: owner.email,
  });
  return client;
}

beforeEach(() => {
  session.user = null;
});

describe("OAuth client server actions", () => {
  it("registers a client for an admin, returns its secret once and never the registration access token", async () => {
    const { project } = await aProject();
    const admin = await aMember(project.id, "admin");
    session.user = admin;
    const result = await registerClientAction(null, form({ projectSlug: project.slug, name: " Billing sync ", "scopes[]": ["users:read", "campaigns:read"], authMethod: "client_secret_post" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.clientId).toMatch(/^lkc_[0-9A-Za-z]{24}$/);
    expect(result.data.clientSecret).toMatch(/^lk_cs_/);
    expect(Object.keys(result.data).sort()).toEqual(["authMethod", "clientId", "clientSecret", "name"]);
    const row = await db().oAuthClient.findUniqueOrThrow({ where: { clientId: result.data.clientId } });
    expect(row).toMatchObject({
      projectId: project.id,
      name: "Billing sync",
      scope: "campaigns:read users:read",
      authMethod: "client_secret_post",
      registeredByType: "user",
      registeredById: admin.id,
      registeredByLabel: admin.email,
    });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "oauth_client.registered" } });
    expect(audit).toMatchObject({ actorType: "user", actorId: admin.id, targetId: row.id });
  });

  it("defaults the token endpoint auth method to client_secret_basic", async () => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    const result = await registerClientAction(null, form({ projectSlug: project.slug, name: "Sync", "scopes[]": "events:write" }));
    expect(result.ok).toBe(true);
    expect(await db().oAuthClient.findFirstOrThrow({ where: { projectId: project.id } })).toMatchObject({ authMethod: "client_secret_basic", scope: "events:write" });
  });

  it("refuses a viewer who calls register or delete directly, and changes nothing", async () => {
    const owner = await aProject();
    const client = await aClient(owner.project.id, owner);
    session.user = await aMember(owner.project.id, "viewer");
    const before = await snapshot(owner.project.id);
    const results = await Promise.all([
      registerClientAction(null, form({ projectSlug: owner.project.slug, name: "Sneaky", "scopes[]": "users:read" })),
      deleteClientAction(null, { projectSlug: owner.project.slug, id: client.id }),
    ]);
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await snapshot(owner.project.id)).toEqual(before);
  });

  it("refuses a signed-out caller", async () => {
    const { project } = await aProject();
    const result = await registerClientAction(null, form({ projectSlug: project.slug, name: "Sync", "scopes[]": "users:read" }));
    expect(result).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(await db().oAuthClient.count({ where: { projectId: project.id } })).toBe(0);
  });

  it.each([
    ["no name and no scope", { name: "  " }, ["name", "scopes"]],
    ["a name over 100 characters", { name: "x".repeat(101), "scopes[]": "users:read" }, ["name"]],
    ["an unknown scope", { name: "Sync", "scopes[]": ["users:read", "keys:write"] }, ["scopes.1"]],
    ["an admin-API scope", { name: "Sync", "scopes[]": "oauth_clients:write" }, ["scopes.0"]],
    ["an unknown auth method", { name: "Sync", "scopes[]": "users:read", authMethod: "private_key_jwt" }, ["authMethod"]],
  ])("gives %s field errors and writes nothing", async (_case, values, fields) => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    const before = await snapshot(project.id);
    const result = await registerClientAction(null, form({ projectSlug: project.slug, ...values }));
    expect(result).toMatchObject({ ok: false, error: { code: "validation_failed" } });
    if (result.ok) return;
    expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual(fields);
    expect(await snapshot(project.id)).toEqual(before);
  });

  it("deletes a client of the project, and gives another project's client not_found, leaving it alone", async () => {
    const a = await aProject("Project A");
    const b = await aProject("Project B");
    const own = await aClient(a.project.id, a);
    const foreign = await aClient(b.project.id, b);
    session.user = { id: a.userId, email: a.email, name: "Owner" };
    const before = await snapshot(b.project.id);

    const refused = await deleteClientAction(null, { projectSlug: a.project.slug, id: foreign.id });
    expect(refused).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await snapshot(b.project.id)).toEqual(before);

    expect(await deleteClientAction(null, { projectSlug: a.project.slug, id: own.id })).toEqual({ ok: true, data: { id: own.id } });
    expect(await db().oAuthClient.count({ where: { id: own.id } })).toBe(0);
    expect(await db().apiKey.count({ where: { id: own.keyId } })).toBe(0);
  });
});
