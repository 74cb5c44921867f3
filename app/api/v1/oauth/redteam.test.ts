import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aChannel, aKey, aProject, refusal } from "@/lib/testing/fixtures";
import { OAUTH_ROUTES, routeFetch } from "@/lib/testing/route-fetch";
import { authenticateClient, issueToken } from "@/lib/oauth/tokens";
import { deleteClient, registerClient, updateClient } from "@/lib/oauth/clients";
import { OAuthError } from "@/lib/oauth/errors";
import { deleteKey, disableKey, enableKey, revealKey, revokeKey, rotateKey } from "@/lib/keys/service";
import { editKey } from "@/lib/keys/edit";
import { countKeys, keyDetail, keysAfter, listKeys } from "@/lib/keys/queries";
import { recentRequests, usageSeries } from "@/lib/keys/usage-queries";
import { deleteChannel } from "@/lib/channels/service";
import { listChannels } from "@/lib/channels/queries";

// Red-team findings on issue 13 (SPEC §7, §14), each a behaviour the OAuth endpoints must keep.

const ISSUER = "http://latchkey.test";
const ROUTES = {
  ...OAUTH_ROUTES,
  "/api/v1/me": "api/v1/me/route.ts",
  "/api/v1/admin/keys": "api/v1/admin/keys/route.ts",
  "/api/v1/admin/keys/[id]": "api/v1/admin/keys/[id]/route.ts",
  "/api/v1/admin/keys/[id]/revoke": "api/v1/admin/keys/[id]/revoke/route.ts",
  "/api/v1/admin/keys/[id]/rotate": "api/v1/admin/keys/[id]/rotate/route.ts",
  "/api/v1/admin/keys/[id]/disable": "api/v1/admin/keys/[id]/disable/route.ts",
  "/api/v1/admin/keys/[id]/enable": "api/v1/admin/keys/[id]/enable/route.ts",
};
let addresses = 0;
const fromNewAddress = () => routeFetch(ROUTES, { ip: `198.51.100.${++addresses}` });

let previousUrl: string | undefined;
beforeAll(() => {
  previousUrl = process.env.LATCHKEY_URL;
  process.env.LATCHKEY_URL = ISSUER;
});
afterAll(() => {
  if (previousUrl === undefined) delete process.env.LATCHKEY_URL;
  else process.env.LATCHKEY_URL = previousUrl;
});

const FORM = { "content-type": "application/x-www-form-urlencoded" };

async function aClient(scopes = ["campaigns:read", "users:read"]) {
  const { project, ctx, userId, email } = await aProject();
  const registered = await registerClient(project.id, { name: "Billing sync", scopes, authMethod: "client_secret_post" }, ctx, { type: "user", id: userId, label: email });
  return { project, ctx, ...registered };
}

describe("the token endpoint reads at most 16 KB of a body, however it is sent", () => {
  it("a chunked body without Content-Length is refused with 413 before the server has read more than the limit", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    // 64 MB on offer; the endpoint must stop reading long before that.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 64 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await fromNewAddress()(`${ISSUER}/api/v1/oauth/token`, { method: "POST", headers: FORM, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe("invalid_request");
    expect(pulled).toBeLessThanOrEqual(256 * 1024);
  });
});

describe("a client_id that no client can have is refused without a read", () => {
  it("a client_id with a NUL byte is invalid_client (401), not a 500 from the database", async () => {
    const { clientSecret } = await aClient();
    const res = await fromNewAddress()(`${ISSUER}/api/v1/oauth/token`, {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "lkc_\u0000abc", client_secret: clientSecret }).toString(),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe("invalid_client");
  });
});

describe("a token is issued for the client as it is when the token is stored", () => {
  it("a client narrowed between authentication and issue gets a token of the narrowed scope only", async () => {
    const { client, clientSecret, ctx } = await aClient(["campaigns:read", "users:read"]);
    const authenticated = (await authenticateClient(client.clientId, clientSecret))!;
    await updateClient(client, { name: client.name, scopes: ["campaigns:read"], authMethod: "client_secret_post" }, ctx);
    const issued = await issueToken(authenticated, undefined).catch((error: unknown) => error);
    if (issued instanceof OAuthError) {
      expect(issued.error).toBe("invalid_client");
    } else {
      expect((issued as { scope: string }).scope).toBe("campaigns:read");
    }
    const tokens = await db().oAuthToken.findMany({ where: { clientId: client.id }, select: { scope: true } });
    for (const token of tokens) expect(token.scope.split(" ")).not.toContain("users:read");
  });

  it("tokens issued while the client is narrowed never hold the removed scope, whichever lands first", async () => {
    const { client, clientSecret, ctx } = await aClient(["campaigns:read", "users:read"]);
    const authenticated = (await authenticateClient(client.clientId, clientSecret))!;
    const issuing = Array.from({ length: 8 }, () => issueToken(authenticated, undefined).catch((error: unknown) => error));
    await Promise.all([updateClient(client, { name: client.name, scopes: ["campaigns:read"], authMethod: "client_secret_post" }, ctx), ...issuing]);
    const live = await db().oAuthToken.findMany({ where: { clientId: client.id, revokedAt: null }, select: { scope: true } });
    expect(live.length).toBeGreaterThan(0);
    for (const token of live) expect(token.scope).toBe("campaigns:read");
  });

  it("a client deleted between authentication and issue gets invalid_client, not a 500", async () => {
    const { client, clientSecret, ctx, project } = await aClient();
    const authenticated = (await authenticateClient(client.clientId, clientSecret))!;
    await deleteClient(project.id, client.id, ctx);
    const issued = await issueToken(authenticated, undefined).catch((error: unknown) => error);
    expect(issued).toBeInstanceOf(OAuthError);
    expect((issued as OAuthError).error).toBe("invalid_client");
    expect(await db().oAuthToken.count({ where: { keyId: client.keyId } })).toBe(0);
  });
});

describe("a channel an OAuth client is scoped to", () => {
  it("is counted as the client's, and its deletion names the client, not a hidden API key", async () => {
    const { project, ctx } = await aProject();
    const marketing = await aChannel(ctx, project.id, "marketing");
    await aKey(ctx, project.id, "editor");
    const { key: adminKey, secret: admin } = await aKey(ctx, project.id, "admin", { scope: "channels", channels: [marketing.id] });
    const res = await fromNewAddress()(`${ISSUER}/api/v1/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin}` },
      body: JSON.stringify({ client_name: "Push sync", scope: "messages:write" }),
    });
    expect(res.status).toBe(201);
    await deleteKey(project.id, adminKey.id, ctx);
    // No API key is scoped to the channel any more; the client is.
    const [channel] = await listChannels(project.id);
    expect(channel.keyCount).toBe(0);
    const error = await refusal(deleteChannel(project.id, channel.id, ctx));
    expect(error.code).toBe("conflict");
    expect(error.message).toBe('1 OAuth client is scoped to "marketing". First delete the client on the OAuth clients page.');
  });
});

describe("an OAuth client's backing row is never a key", () => {
  it("no admin key route, dashboard service or key count reaches it, and the last API key stays", async () => {
    const { project, ctx } = await aProject();
    const { key: only, secret: admin } = await aKey(ctx, project.id, "admin");
    const send = fromNewAddress();
    const registered = await send(`${ISSUER}/api/v1/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin}` },
      body: JSON.stringify({ client_name: "Billing sync", scope: "campaigns:read" }),
    });
    expect(registered.status).toBe(201);
    const { keyId } = await db().oAuthClient.findUniqueOrThrow({ where: { clientId: (await registered.json()).client_id }, select: { keyId: true } });
    const before = await db().apiKey.findUniqueOrThrow({ where: { id: keyId } });

    const asAdmin = (path: string, method = "GET", body?: unknown) =>
      send(`${ISSUER}/api/v1/admin/keys${path}`, {
        method,
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    expect((await (await asAdmin("")).json()).data.map((k: { id: string }) => k.id)).toEqual([only.id]);
    for (const [path, method, body] of [
      [`/${keyId}`, "GET"],
      [`/${keyId}`, "PATCH", { name: "Mine now" }],
      [`/${keyId}/revoke`, "POST", {}],
      [`/${keyId}/rotate`, "POST", { grace: "now" }],
      [`/${keyId}/disable`, "POST", {}],
      [`/${keyId}/enable`, "POST", {}],
      [`/${keyId}`, "DELETE"],
    ] as const) {
      expect({ path, method, status: (await asAdmin(path, method, body)).status }).toEqual({ path, method, status: 404 });
    }

    const owner = { userId: ctx.actor.id!, email: ctx.actor.label, role: "owner", freshAuth: async () => true };
    for (const call of [
      () => revokeKey(project.id, keyId, ctx),
      () => deleteKey(project.id, keyId, ctx),
      () => disableKey(project.id, keyId, ctx),
      () => enableKey(project.id, keyId, ctx),
      () => rotateKey(project.id, { id: keyId, grace: "now" }, ctx),
      () => revealKey(project.id, { id: keyId }, ctx, owner),
      () => editKey(project.id, { id: keyId, version: before.version, name: "Mine now" }, ctx),
    ]) {
      expect((await refusal(call())).code).toBe("not_found");
    }
    expect(await keyDetail(project.id, keyId)).toBeNull();
    expect((await recentRequests(project.id, keyId)).requests).toEqual([]);
    expect((await usageSeries(project.id, keyId, "24h")).every((point) => Object.values(point).every((v) => typeof v !== "number" || v === 0))).toBe(true);
    expect(await countKeys(project.id)).toBe(1);
    expect((await listKeys(project.id, {})).keys.map((k) => k.id)).toEqual([only.id]);
    expect((await keysAfter(project.id, { limit: 10 })).map((k) => k.id)).toEqual([only.id]);
    // The client does not count as a key: the project's one API key cannot be deleted.
    expect((await refusal(deleteKey(project.id, only.id, ctx))).code).toBe("conflict");
    expect(await db().apiKey.findUniqueOrThrow({ where: { id: keyId } })).toEqual(before);
  });
});

describe("text no database takes is refused, not a 500", () => {
  it("an unpaired surrogate in client_name (registration, RFC 7592 update) or in an admin API key's name or description is a 4xx, and nothing is written", async () => {
    const { project, ctx } = await aProject();
    const { secret: admin } = await aKey(ctx, project.id, "admin");
    const send = fromNewAddress();
    const post = (path: string, body: unknown) =>
      send(`${ISSUER}/api/v1/${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });
    const before = { clients: await db().oAuthClient.count(), keys: await db().apiKey.count() };
    const registration = await post("oauth/register", { client_name: "Billing \ud800sync", scope: "users:read" });
    expect([registration.status, (await registration.json()).error]).toEqual([400, "invalid_client_metadata"]);
    for (const body of [
      { name: "Ops \udc00", role: "support", scope: "all" },
      { name: "Ops", description: "\ud800", role: "support", scope: "all" },
    ]) {
      const res = await post("admin/keys", body);
      expect([res.status, (await res.json()).error.code]).toEqual([422, "validation_failed"]);
    }

    const client = await (await post("oauth/register", { client_name: "Billing sync", scope: "users:read" })).json();
    const update = await send(client.registration_client_uri, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${client.registration_access_token}` },
      body: JSON.stringify({ client_id: client.client_id, client_name: "\udfff", scope: "users:read" }),
    });
    expect([update.status, (await update.json()).error]).toEqual([400, "invalid_client_metadata"]);
    expect({ clients: await db().oAuthClient.count(), keys: await db().apiKey.count() }).toEqual({ clients: before.clients + 1, keys: before.keys + 1 });
  });
});
