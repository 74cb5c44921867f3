import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as client from "openid-client";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { OAUTH_ROUTES, routeFetch } from "@/lib/testing/route-fetch";

// SPEC §14, driven by a real OAuth client library (openid-client) against the route handlers:
// discovery → registration with an admin key → client credentials with a narrower scope → /me →
// a route outside the scope → revocation → refused.

const ISSUER = "http://latchkey.test";
const ROUTES = {
  ...OAUTH_ROUTES,
  "/api/v1/me": "api/v1/me/route.ts",
  "/api/v1/campaigns": "api/v1/campaigns/route.ts",
  "/api/v1/users": "api/v1/users/route.ts",
};
const fetchRoute = routeFetch(ROUTES);
// openid-client's fetch type names Uint8Array bodies; the route fetch takes any RequestInit.
const libraryFetch = fetchRoute as unknown as client.CustomFetch;
const options = { algorithm: "oauth2" as const, execute: [client.allowInsecureRequests], [client.customFetch]: libraryFetch };

let previousUrl: string | undefined;
beforeAll(() => {
  previousUrl = process.env.LATCHKEY_URL;
  process.env.LATCHKEY_URL = ISSUER;
});
afterAll(() => {
  if (previousUrl === undefined) delete process.env.LATCHKEY_URL;
  else process.env.LATCHKEY_URL = previousUrl;
});

async function registered(scope = "campaigns:read campaigns:write users:read", auth: "client_secret_basic" | "client_secret_post" = "client_secret_basic") {
  const { project, ctx } = await aProject();
  const { secret: adminKey } = await aKey(ctx, project.id, "admin");
  const config = await client.dynamicClientRegistration(
    new URL(ISSUER),
    { client_name: "Billing sync", grant_types: ["client_credentials"], token_endpoint_auth_method: auth, scope },
    auth === "client_secret_basic" ? client.ClientSecretBasic() : client.ClientSecretPost(),
    { ...options, initialAccessToken: adminKey },
  );
  config[client.customFetch] = libraryFetch;
  return { project, ctx, adminKey, config, metadata: config.clientMetadata() };
}

const api = (token: string, route: string, init: RequestInit = {}) =>
  fetchRoute(`${ISSUER}${route}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });

describe("OAuth 2.0 client credentials with openid-client", () => {
  it("discovers, registers, gets a narrower token, uses it, and is refused once it is revoked", async () => {
    const { config, metadata, project } = await registered();
    expect(metadata.client_id).toMatch(/^lkc_[0-9A-Za-z]{24}$/);
    expect(metadata.client_secret).toMatch(/^lk_cs_/);
    expect(metadata.registration_access_token).toMatch(/^lk_rt_/);

    const server = config.serverMetadata();
    expect(server.issuer).toBe(ISSUER);
    expect(server.token_endpoint).toBe(`${ISSUER}/api/v1/oauth/token`);
    expect(server.grant_types_supported).toEqual(["client_credentials"]);
    expect(server.scopes_supported).toContain("campaigns:write");

    const tokens = await client.clientCredentialsGrant(config, { scope: "campaigns:read" });
    expect(tokens.access_token).toMatch(/^lk_at_[0-9A-Za-z]{38}$/);
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope).toBe("campaigns:read");

    const me = await client.fetchProtectedResource(config, tokens.access_token, new URL(`${ISSUER}/api/v1/me`), "GET");
    expect(me.status).toBe(200);
    const identity = await me.json();
    expect(identity).toMatchObject({ kind: "at", name: "Billing sync", client: { clientId: metadata.client_id, scope: "campaigns:read" }, project: { id: project.id } });

    expect((await api(tokens.access_token, "/api/v1/campaigns")).status).toBe(200);
    // Outside the token's scope, though inside the client's: users:read was not asked for.
    const outside = await api(tokens.access_token, "/api/v1/users");
    expect(outside.status).toBe(403);
    expect((await outside.json()).error.code).toBe("insufficient_permissions");
    const write = await api(tokens.access_token, "/api/v1/campaigns", { method: "POST", body: JSON.stringify({ name: "Nope" }) });
    expect(write.status).toBe(403);

    const introspected = await client.tokenIntrospection(config, tokens.access_token);
    expect(introspected).toMatchObject({ active: true, scope: "campaigns:read", client_id: metadata.client_id, token_type: "Bearer" });

    await client.tokenRevocation(config, tokens.access_token);
    const refused = await api(tokens.access_token, "/api/v1/me");
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("key_revoked");
    expect(await client.tokenIntrospection(config, tokens.access_token)).toEqual({ active: false });
  });

  it("authenticates with client_secret_post when the client registered that way, and not with Basic", async () => {
    const { config, metadata } = await registered("users:read", "client_secret_post");
    expect((await client.clientCredentialsGrant(config)).scope).toBe("users:read");
    const basic = await fetchRoute(`${ISSUER}/api/v1/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${metadata.client_id}:${metadata.client_secret}`).toString("base64")}` },
      body: "grant_type=client_credentials",
    });
    expect(basic.status).toBe(401);
    expect(await basic.json()).toMatchObject({ error: "invalid_client" });
  });

  it("refuses a scope wider than the client's with invalid_scope and issues nothing", async () => {
    const { config } = await registered("campaigns:read");
    const before = await db().oAuthToken.count();
    await expect(client.clientCredentialsGrant(config, { scope: "campaigns:read users:read" })).rejects.toMatchObject({ error: "invalid_scope" });
    expect(await db().oAuthToken.count()).toBe(before);
  });

  it("deleting the client (RFC 7592) refuses its tokens at once", async () => {
    const { config, metadata } = await registered("campaigns:read");
    const { access_token } = await client.clientCredentialsGrant(config);
    expect((await api(access_token, "/api/v1/me")).status).toBe(200);
    const removed = await fetchRoute(metadata.registration_client_uri as string, { method: "DELETE", headers: { authorization: `Bearer ${metadata.registration_access_token}` } });
    expect(removed.status).toBe(204);
    const after = await api(access_token, "/api/v1/me");
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe("invalid_api_key");
    // openid-client reports the Basic challenge of RFC 6749 §5.2 (401 invalid_client) as such.
    await expect(client.clientCredentialsGrant(config)).rejects.toMatchObject({ status: 401, cause: [{ scheme: "basic" }] });
    const raw = await fetchRoute(`${ISSUER}/api/v1/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: metadata.client_id, client_secret: metadata.client_secret as string }).toString(),
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ error: "invalid_client" });
  });
});

describe("what a registration leaves behind", () => {
  it("e-mails the project's owners and admins, naming the client but never its secret", async () => {
    const { config, metadata, project } = await registered("users:read");
    const mails = await db().mail.findMany({ where: { subject: "An OAuth client was registered in your Latchkey project" } });
    const mine = mails.filter((mail) => mail.body.includes(metadata.client_id));
    const owner = await db().membership.findFirstOrThrow({ where: { projectId: project.id, role: "owner" }, select: { user: { select: { email: true } } } });
    expect(mine.map((mail) => mail.recipient)).toEqual([owner.user.email]);
    expect(mine[0].body).toContain("Billing sync");
    expect(mine[0].body).toContain("/settings/oauth-clients");
    for (const secret of [metadata.client_secret as string, metadata.registration_access_token as string]) expect(mine[0].body).not.toContain(secret);
    expect(config.clientMetadata().client_id).toBe(metadata.client_id);
  });

  it("issues at most 60 tokens a minute to one client, then 429 with Retry-After, storing nothing more", async () => {
    const { config, metadata } = await registered("users:read");
    for (let i = 0; i < 60; i++) await client.clientCredentialsGrant(config);
    const clientRow = await db().oAuthClient.findUniqueOrThrow({ where: { clientId: metadata.client_id } });
    const stored = await db().oAuthToken.count({ where: { clientId: clientRow.id } });
    const refused = await fetchRoute(`${ISSUER}/api/v1/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${metadata.client_id}:${metadata.client_secret}`).toString("base64")}` },
      body: "grant_type=client_credentials",
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: "temporarily_unavailable" });
    expect(await db().oAuthToken.count({ where: { clientId: clientRow.id } })).toBe(stored);
  });
});
