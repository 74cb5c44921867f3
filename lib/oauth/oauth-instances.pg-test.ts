import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as client from "openid-client";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { callApi, freePort, startServer, stopServers, within } from "@/lib/testing/production-server";

// SPEC §11 and §14: two production servers share one PostgreSQL database. A client deleted (RFC
// 7592) or a token revoked (RFC 7009) through one must be refused by the other within one second,
// though the other had the token in its verification cache. Needs a build (.next); `npm run
// test:services` makes one first. TEST_PORT_BASE pins the two servers' ports (base and base + 1).

let a = "";
let b = "";
beforeAll(async () => {
  const base = Number(process.env.TEST_PORT_BASE) || 0;
  const ports = base ? [base, base + 1] : [await freePort(), await freePort()];
  // Each server is its own issuer, so registration_client_uri points back at the one that registered.
  [a, b] = (await Promise.all(ports.map((port) => startServer({ LATCHKEY_URL: `http://127.0.0.1:${port}` }, { port })))).map((server) => server.base);
}, 90_000);

afterAll(stopServers);

/** Discovery, registration with an admin key and the client-credentials grant, all through `base`, by openid-client. */
async function registeredOn(base: string, scope: string) {
  const { project, ctx } = await aProject();
  const { secret: adminKey } = await aKey(ctx, project.id, "admin", { name: "Ops" });
  const config = await client.dynamicClientRegistration(
    new URL(base),
    { client_name: "Billing sync", grant_types: ["client_credentials"], token_endpoint_auth_method: "client_secret_basic", scope },
    client.ClientSecretBasic(),
    { algorithm: "oauth2", execute: [client.allowInsecureRequests], initialAccessToken: adminKey },
  );
  const metadata = config.clientMetadata();
  expect(metadata.registration_client_uri).toBe(`${base}/api/v1/oauth/register/${metadata.client_id}`);
  const token = async (requested?: string) => (await client.clientCredentialsGrant(config, requested ? { scope: requested } : {})).access_token;
  return { config, metadata, token };
}

/**
 * Proves `base` answers this token from its cache: the client's name changed behind its back (no
 * notification) is not seen.
 */
async function servedFromCache(base: string, clientId: string, token: string) {
  await within(5_000, async () => {
    await db().oAuthClient.update({ where: { clientId }, data: { name: `unseen ${Date.now()}` } });
    const before = (await (await callApi(base, "/me", token)).json()).name;
    await db().oAuthClient.update({ where: { clientId }, data: { name: `unseen again ${Date.now()}` } });
    return (await (await callApi(base, "/me", token)).json()).name === before;
  });
}

describe("OAuth access tokens on two instances of one PostgreSQL", () => {
  it("deleting the client through one instance refuses its token on the other within one second", async () => {
    const { metadata, token } = await registeredOn(a, "campaigns:read");
    const accessToken = await token();
    for (const base of [a, b]) expect((await callApi(base, "/me", accessToken)).status).toBe(200);
    await servedFromCache(b, metadata.client_id, accessToken);

    const removed = await fetch(metadata.registration_client_uri as string, { method: "DELETE", headers: { authorization: `Bearer ${metadata.registration_access_token}` } });
    expect(removed.status).toBe(204);
    const took = await within(1_000, async () => (await callApi(b, "/me", accessToken)).status === 401);
    expect((await (await callApi(b, "/me", accessToken)).json()).error.code).toBe("invalid_api_key");
    expect((await callApi(a, "/me", accessToken)).status).toBe(401);
    console.log(`oauth scale-out: client deleted through one instance, its token refused by the other after ${took.toFixed(0)} ms`);
  });

  it("revoking one token through one instance refuses it on the other within one second; the client's other token still works there", async () => {
    const { config, token } = await registeredOn(a, "campaigns:read users:read");
    const revoked = await token("campaigns:read");
    const kept = await token("users:read");
    for (const t of [revoked, kept]) expect((await callApi(b, "/me", t)).status).toBe(200);
    await servedFromCache(b, config.clientMetadata().client_id, revoked);

    await client.tokenRevocation(config, revoked);
    const took = await within(1_000, async () => (await callApi(b, "/me", revoked)).status === 401);
    expect((await (await callApi(b, "/me", revoked)).json()).error.code).toBe("key_revoked");
    expect((await callApi(b, "/me", kept)).status).toBe(200);
    expect((await callApi(b, "/users", kept)).status).toBe(200);
    console.log(`oauth scale-out: token revoked through one instance, refused by the other after ${took.toFixed(0)} ms`);
  });

  it("narrowing the client's scope through one instance takes the permission from a live token on the other within one second", async () => {
    const { metadata, token } = await registeredOn(a, "campaigns:read users:read");
    const accessToken = await token();
    expect((await callApi(b, "/users", accessToken)).status).toBe(200);
    await servedFromCache(b, metadata.client_id, accessToken);

    const narrowed = await fetch(metadata.registration_client_uri as string, {
      method: "PUT",
      headers: { authorization: `Bearer ${metadata.registration_access_token}`, "content-type": "application/json" },
      body: JSON.stringify({ client_id: metadata.client_id, client_name: "Billing sync", scope: "campaigns:read" }),
    });
    expect(narrowed.status).toBe(200);
    await within(1_000, async () => (await callApi(b, "/users", accessToken)).status === 403);
    expect((await callApi(b, "/campaigns", accessToken)).status).toBe(200);
  });
});
