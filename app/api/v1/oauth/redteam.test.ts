import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aChannel, aKey, aProject, refusal } from "@/lib/testing/fixtures";
import { routeFetch } from "@/lib/testing/route-fetch";
import { authenticateClient, issueToken } from "@/lib/oauth/tokens";
import { deleteClient, registerClient, updateClient } from "@/lib/oauth/clients";
import { OAuthError } from "@/lib/oauth/errors";
import { deleteKey } from "@/lib/keys/service";
import { deleteChannel } from "@/lib/channels/service";
import { listChannels } from "@/lib/channels/queries";

// Red-team findings on issue 13 (SPEC §7, §14), each a behaviour the OAuth endpoints must keep.

const ISSUER = "http://latchkey.test";
const ROUTES = {
  "/api/v1/oauth/register": "api/v1/oauth/register/route.ts",
  "/api/v1/oauth/token": "api/v1/oauth/token/route.ts",
  "/api/v1/oauth/revoke": "api/v1/oauth/revoke/route.ts",
  "/api/v1/oauth/introspect": "api/v1/oauth/introspect/route.ts",
  "/api/v1/me": "api/v1/me/route.ts",
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
