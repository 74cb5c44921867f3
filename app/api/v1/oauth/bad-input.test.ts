import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as openid from "openid-client";
import { db } from "@/lib/db";
import { setClockOffsetForTests } from "@/lib/clock";
import { checksum, generateKey } from "@/lib/keys/format";
import { createKey, revokeKey } from "@/lib/keys/service";
import { MAX_FAILED_CHECKS_PER_MINUTE } from "@/lib/api/rate-limits";
import { clientMetadata } from "@/lib/oauth/metadata";
import { OAuthError } from "@/lib/oauth/errors";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import { OAUTH_ROUTES, routeFetch } from "@/lib/testing/route-fetch";

// SPEC §14, "What bad input gets" (issue 13): every refusal of the OAuth endpoints and of the
// /api/v1 guard for access tokens is the RFC error (status, `error`, WWW-Authenticate where RFC 6749
// §5.2 / RFC 6750 §3 ask for it, no-store), and nothing is issued or changed.

const ISSUER = "http://latchkey.test";
const ROUTES = {
  ...OAUTH_ROUTES,
  "/api/v1/me": "api/v1/me/route.ts",
  "/api/v1/campaigns": "api/v1/campaigns/route.ts",
  "/api/v1/users": "api/v1/users/route.ts",
  "/api/v1/subscriptions": "api/v1/subscriptions/route.ts",
  "/api/v1/admin/keys": "api/v1/admin/keys/route.ts",
};

let addresses = 0;
/** A fetch from an address of its own, so one test's failed checks never block another's. */
const fromNewAddress = () => routeFetch(ROUTES, { ip: `198.51.100.${++addresses}` });
const send = fromNewAddress();

let previousUrl: string | undefined;
beforeAll(() => {
  previousUrl = process.env.LATCHKEY_URL;
  process.env.LATCHKEY_URL = ISSUER;
});
afterAll(() => {
  if (previousUrl === undefined) delete process.env.LATCHKEY_URL;
  else process.env.LATCHKEY_URL = previousUrl;
});
afterEach(() => setClockOffsetForTests(0));

type Metadata = Record<string, unknown>;
type Client = { client_id: string; client_secret: string; registration_access_token: string; registration_client_uri: string; scope: string };

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

function register(key: string | null, body: Metadata | string, fetcher = send) {
  return fetcher(`${ISSUER}/api/v1/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function aClient(adminKey: string, metadata: Metadata = {}): Promise<Client> {
  const res = await register(adminKey, { client_name: "Billing sync", grant_types: ["client_credentials"], scope: "campaigns:read campaigns:write users:read", ...metadata });
  expect(res.status).toBe(201);
  return res.json();
}

/** A client-authenticated POST (token, revoke, introspect) with client_secret_basic. */
const asClient = (client: Pick<Client, "client_id" | "client_secret">, endpoint: string, params: Record<string, string>, fetcher = send) =>
  fetcher(`${ISSUER}/api/v1/oauth/${endpoint}`, { method: "POST", headers: { ...FORM, authorization: basic(client.client_id, client.client_secret) }, body: new URLSearchParams(params).toString() });

async function aToken(client: Client, scope?: string): Promise<string> {
  const res = await asClient(client, "token", { grant_type: "client_credentials", ...(scope ? { scope } : {}) });
  expect(res.status).toBe(200);
  return (await res.json()).access_token;
}

const api = (token: string, route: string, fetcher = send, init: RequestInit = {}) => fetcher(`${ISSUER}/api/v1${route}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

/** Everything a refused request must leave as it was. Denied-call audit entries are asserted where they are due. */
async function state() {
  const clients = await db().oAuthClient.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, scope: true, authMethod: true, version: true, lastTokenAt: true, secretHash: true } });
  const tokens = await db().oAuthToken.findMany({ orderBy: { id: "asc" }, select: { id: true, scope: true, revokedAt: true } });
  return {
    clients,
    tokens,
    keys: await db().apiKey.count(),
    audit: await db().auditEntry.count({ where: { action: { not: "api.denied" } } }),
  };
}

type Expected = { status: number; error: string; challenge?: RegExp | null };

async function expectOAuthError(res: Response, { status, error, challenge }: Expected) {
  const body = await res.json();
  expect({ status: res.status, error: body.error }).toEqual({ status, error });
  expect(typeof body.error_description).toBe("string");
  expect(res.headers.get("cache-control")).toBe("no-store");
  if (challenge === null) expect(res.headers.get("www-authenticate")).toBeNull();
  else if (challenge) expect(res.headers.get("www-authenticate")).toMatch(challenge);
}

const BEARER = /^Bearer realm="latchkey"$/;
const INVALID_TOKEN = /^Bearer realm="latchkey", error="invalid_token"/;
const INSUFFICIENT_SCOPE = /^Bearer realm="latchkey", error="insufficient_scope"/;
const BASIC = /^Basic realm="latchkey"/;

/** An lk_ string of `kind` with a valid checksum that nobody was ever given. */
const forged = (kind: "at" | "cs" | "rt") => generateKey(kind);
/** A real-looking credential whose last checksum digit is wrong. */
function badChecksum(secret: string) {
  const head = secret.slice(0, -6);
  const sum = checksum(head);
  return head + sum.slice(0, 5) + (sum[5] === "0" ? "1" : "0");
}

describe("registration (RFC 7591) refuses bad input and registers nothing", async () => {
  const { project, ctx } = await aProject();
  const admin = (await aKey(ctx, project.id, "admin", { name: "Ops" })).secret;
  const editor = (await aKey(ctx, project.id, "editor")).secret;
  const publishable = (await aKey(ctx, project.id, "client")).secret;
  const custom = (
    await createKey(
      project.id,
      { name: "Custom", description: "", role: "custom", permissions: { campaigns: "read_write" }, scope: "all", channels: [], expires: "never", expiresOn: "", rateLimit: null },
      ctx,
    )
  ).secret;
  const revokedAdmin = await aKey(ctx, project.id, "admin", { name: "Old ops" });
  await revokeKey(project.id, revokedAdmin.key.id, ctx);
  const accessToken = await aToken(await aClient(admin));
  const good = { client_name: "Sync", grant_types: ["client_credentials"], scope: "campaigns:read" };

  const byCredential: [string, () => string | null, Expected & { denied: boolean }][] = [
    ["without a key", () => null, { status: 401, error: "invalid_token", challenge: BEARER, denied: false }],
    ["with an editor key", () => editor, { status: 403, error: "insufficient_scope", challenge: INSUFFICIENT_SCOPE, denied: true }],
    ["with a custom key", () => custom, { status: 403, error: "insufficient_scope", challenge: INSUFFICIENT_SCOPE, denied: true }],
    ["with a publishable (client) key", () => publishable, { status: 403, error: "insufficient_scope", challenge: INSUFFICIENT_SCOPE, denied: true }],
    ["with an lk_at_ access token as the initial access token", () => accessToken, { status: 403, error: "insufficient_scope", challenge: INSUFFICIENT_SCOPE, denied: true }],
    ["with a revoked admin key", () => revokedAdmin.secret, { status: 401, error: "invalid_token", challenge: INVALID_TOKEN, denied: true }],
    ["with a client secret as the initial access token", () => forged("cs"), { status: 401, error: "invalid_token", challenge: INVALID_TOKEN, denied: false }],
    ["with a key whose checksum is wrong", () => badChecksum(admin), { status: 401, error: "invalid_token", challenge: INVALID_TOKEN, denied: false }],
  ];
  it.each(byCredential)("%s", async (_, key, expected) => {
    const before = await state();
    const deniedBefore = await db().auditEntry.count({ where: { projectId: project.id, action: "api.denied" } });
    await expectOAuthError(await register(key(), good), expected);
    expect(await state()).toEqual(before);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "api.denied" } })).toBe(deniedBefore + (expected.denied ? 1 : 0));
  });

  const byMetadata: [string, Metadata | string, Expected][] = [
    ['grant_types ["authorization_code"]', { ...good, grant_types: ["authorization_code"] }, { status: 400, error: "invalid_client_metadata" }],
    ["grant_types []", { ...good, grant_types: [] }, { status: 400, error: "invalid_client_metadata" }],
    ['grant_types "x"', { ...good, grant_types: "x" }, { status: 400, error: "invalid_client_metadata" }],
    ["grant_types with client_credentials and another", { ...good, grant_types: ["client_credentials", "password"] }, { status: 400, error: "invalid_client_metadata" }],
    ["a redirect_uris value", { ...good, redirect_uris: ["https://app.example/cb"] }, { status: 400, error: "invalid_redirect_uri" }],
    ["a redirect_uris string", { ...good, redirect_uris: "https://app.example/cb" }, { status: 400, error: "invalid_redirect_uri" }],
    ['response_types ["code"]', { ...good, response_types: ["code"] }, { status: 400, error: "invalid_client_metadata" }],
    ["an unknown scope", { ...good, scope: "campaigns:read rockets:launch" }, { status: 400, error: "invalid_client_metadata" }],
    ["an admin-API scope", { ...good, scope: "keys:write" }, { status: 400, error: "invalid_client_metadata" }],
    ["no scope", { client_name: "Sync" }, { status: 400, error: "invalid_client_metadata" }],
    ["an empty scope", { ...good, scope: "  " }, { status: 400, error: "invalid_client_metadata" }],
    ["a scope that is not a string", { ...good, scope: ["campaigns:read"] }, { status: 400, error: "invalid_client_metadata" }],
    ["100 KB of metadata", { ...good, software_statement: "x".repeat(100 * 1024) }, { status: 413, error: "invalid_client_metadata" }],
    ["a body that is not JSON", "client_name=Sync&scope=campaigns:read", { status: 400, error: "invalid_client_metadata" }],
    ["an empty body", "", { status: 400, error: "invalid_client_metadata" }],
    ["an array body", JSON.stringify([good]), { status: 400, error: "invalid_client_metadata" }],
    ["a null body", "null", { status: 400, error: "invalid_client_metadata" }],
    ["a client_name of 101 characters", { ...good, client_name: "n".repeat(101) }, { status: 400, error: "invalid_client_metadata" }],
    ["a client_name with a control character", { ...good, client_name: "Sync\u0007" }, { status: 400, error: "invalid_client_metadata" }],
    ["a client_name with a line break", { ...good, client_name: "Sync\nAdmin" }, { status: 400, error: "invalid_client_metadata" }],
    ["a blank client_name", { ...good, client_name: "   " }, { status: 400, error: "invalid_client_metadata" }],
    ['token_endpoint_auth_method "none"', { ...good, token_endpoint_auth_method: "none" }, { status: 400, error: "invalid_client_metadata" }],
    ['token_endpoint_auth_method "private_key_jwt"', { ...good, token_endpoint_auth_method: "private_key_jwt" }, { status: 400, error: "invalid_client_metadata" }],
  ];
  it.each(byMetadata)("with %s", async (_, body, expected) => {
    const before = await state();
    await expectOAuthError(await register(admin, body), { ...expected, challenge: null });
    expect(await state()).toEqual(before);
  });

  it("a 101-character name is refused but a 100-character one is registered (the boundary)", async () => {
    expect((await register(admin, { ...good, client_name: "n".repeat(100) })).status).toBe(201);
  });

  it("a scope the registering key does not hold is refused (the rule behind every registration)", () => {
    // An admin key holds every data scope, so the HTTP path cannot reach this: the rule is checked
    // with a registrar that holds less.
    const attempt = () => clientMetadata({ scope: "campaigns:read campaigns:write" }, ["campaigns:read", "users:read"]);
    expect(attempt).toThrow(OAuthError);
    expect(attempt).toThrow(/campaigns:write/);
    try {
      attempt();
    } catch (error) {
      expect((error as OAuthError).error).toBe("invalid_client_metadata");
    }
  });
});

describe("the token endpoint (RFC 6749 §4.4, §5.2) refuses bad requests and issues nothing", async () => {
  const { project, ctx } = await aProject();
  const admin = (await aKey(ctx, project.id, "admin")).secret;
  const client = await aClient(admin, { scope: "campaigns:read" });
  const postClient = await aClient(admin, { scope: "campaigns:read", token_endpoint_auth_method: "client_secret_post" });
  const deleted = await aClient(admin, { scope: "campaigns:read" });
  const removed = await send(deleted.registration_client_uri, { method: "DELETE", headers: { authorization: `Bearer ${deleted.registration_access_token}` } });
  expect(removed.status).toBe(204);

  type Request = { headers: Record<string, string>; body: string };
  const withBasic = (params: Record<string, string>, id = client.client_id, secret = client.client_secret): Request => ({
    headers: { ...FORM, authorization: basic(id, secret) },
    body: new URLSearchParams(params).toString(),
  });
  const inBody = (params: Record<string, string>): Request => ({ headers: FORM, body: new URLSearchParams(params).toString() });
  const grant = { grant_type: "client_credentials" };

  const cases: [string, () => Request, Expected][] = [
    ["a wrong secret (Basic)", () => withBasic(grant, client.client_id, forged("cs")), { status: 401, error: "invalid_client", challenge: BASIC }],
    ["a wrong secret (in the body)", () => inBody({ ...grant, client_id: postClient.client_id, client_secret: forged("cs") }), { status: 401, error: "invalid_client", challenge: BASIC }],
    ["a secret with a bad checksum", () => withBasic(grant, client.client_id, badChecksum(client.client_secret)), { status: 401, error: "invalid_client", challenge: BASIC }],
    ["another client's secret", () => withBasic(grant, client.client_id, deleted.client_secret), { status: 401, error: "invalid_client", challenge: BASIC }],
    ["an unknown client id", () => withBasic(grant, "lkc_000000000000000000000000", client.client_secret), { status: 401, error: "invalid_client", challenge: BASIC }],
    ["a deleted client", () => withBasic(grant, deleted.client_id, deleted.client_secret), { status: 401, error: "invalid_client", challenge: BASIC }],
    ["no client authentication", () => inBody(grant), { status: 401, error: "invalid_client", challenge: BASIC }],
    ["a client id without a secret", () => inBody({ ...grant, client_id: postClient.client_id }), { status: 401, error: "invalid_client", challenge: BASIC }],
    [
      "a malformed Basic header",
      () => ({ headers: { ...FORM, authorization: "Basic !!not-base64!!" }, body: "grant_type=client_credentials" }),
      { status: 401, error: "invalid_client", challenge: BASIC },
    ],
    [
      "a Basic header without a colon",
      () => ({ headers: { ...FORM, authorization: `Basic ${Buffer.from("justanid").toString("base64")}` }, body: "grant_type=client_credentials" }),
      { status: 401, error: "invalid_client", challenge: BASIC },
    ],
    ["a Bearer header", () => ({ headers: { ...FORM, authorization: `Bearer ${admin}` }, body: "grant_type=client_credentials" }), { status: 401, error: "invalid_client", challenge: BASIC }],
    ["both Basic and body credentials", () => ({ ...withBasic({ ...grant, client_id: client.client_id, client_secret: client.client_secret }) }), { status: 400, error: "invalid_request" }],
    ["the password grant", () => withBasic({ grant_type: "password", username: "a", password: "b" }), { status: 400, error: "unsupported_grant_type" }],
    ["the authorization_code grant", () => withBasic({ grant_type: "authorization_code", code: "x" }), { status: 400, error: "unsupported_grant_type" }],
    ["no grant_type", () => withBasic({ scope: "campaigns:read" }), { status: 400, error: "invalid_request" }],
    ["a scope wider than the client's", () => withBasic({ ...grant, scope: "campaigns:read campaigns:write" }), { status: 400, error: "invalid_scope" }],
    ["an unknown scope", () => withBasic({ ...grant, scope: "rockets:launch" }), { status: 400, error: "invalid_scope" }],
    ["an admin-API scope", () => withBasic({ ...grant, scope: "keys:read" }), { status: 400, error: "invalid_scope" }],
    ["a duplicated grant_type", () => ({ ...withBasic(grant), body: "grant_type=client_credentials&grant_type=client_credentials" }), { status: 400, error: "invalid_request" }],
    ["a duplicated scope", () => ({ ...withBasic(grant), body: "grant_type=client_credentials&scope=campaigns:read&scope=campaigns:read" }), { status: 400, error: "invalid_request" }],
    ["a duplicated scope, the first one empty", () => ({ ...withBasic(grant), body: "grant_type=client_credentials&scope=&scope=campaigns:read" }), { status: 400, error: "invalid_request" }],
    [
      "a JSON body instead of a form",
      () => ({ headers: { "content-type": "application/json", authorization: basic(client.client_id, client.client_secret) }, body: JSON.stringify(grant) }),
      { status: 400, error: "invalid_request" },
    ],
    ["no content type", () => ({ headers: { authorization: basic(client.client_id, client.client_secret) }, body: "grant_type=client_credentials" }), { status: 400, error: "invalid_request" }],
    ["a Basic client that registered for client_secret_post", () => withBasic(grant, postClient.client_id, postClient.client_secret), { status: 401, error: "invalid_client", challenge: BASIC }],
    [
      "a body-authenticated client that registered for client_secret_basic",
      () => inBody({ ...grant, client_id: client.client_id, client_secret: client.client_secret }),
      { status: 401, error: "invalid_client", challenge: BASIC },
    ],
  ];
  it.each(cases)("%s", async (_, request, expected) => {
    const before = await state();
    const res = await fromNewAddress()(`${ISSUER}/api/v1/oauth/token`, { method: "POST", ...request() });
    await expectOAuthError(res, { challenge: null, ...expected });
    expect(await state()).toEqual(before);
  });

  it("a GET of the token endpoint is 405 in the RFC shape", async () => {
    const res = await send(`${ISSUER}/api/v1/oauth/token?grant_type=client_credentials`);
    await expectOAuthError(res, { status: 405, error: "invalid_request" });
    expect(res.headers.get("allow")).toContain("POST");
  });
});

describe("the /api/v1 guard refuses expired, revoked and forged access tokens", async () => {
  const { project, ctx } = await aProject();
  const admin = (await aKey(ctx, project.id, "admin")).secret;
  const client = await aClient(admin, { scope: "campaigns:read" });

  const refusedAt = async (token: string, code: string, fetcher = send) => {
    const res = await api(token, "/me", fetcher);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe(code);
    // RFC 6750 §3 (and RFC 9110 §15.5.2: every 401 names its scheme): the challenge says why.
    expect(res.headers.get("www-authenticate")).toMatch(INVALID_TOKEN);
  };

  it("an expired token is 401 key_expired, and inactive to introspection", async () => {
    const token = await aToken(client);
    expect((await api(token, "/me")).status).toBe(200);
    setClockOffsetForTests(3600_000 + 1000);
    await refusedAt(token, "key_expired");
    expect(await (await asClient(client, "introspect", { token })).json()).toEqual({ active: false });
  });

  it("a token lives one hour at most: valid a second before, refused at the hour", async () => {
    const token = await aToken(client);
    setClockOffsetForTests(3600_000 - 2000);
    expect((await api(token, "/me")).status).toBe(200);
    setClockOffsetForTests(3600_000);
    await refusedAt(token, "key_expired");
  });

  it("a revoked token is 401 key_revoked, and the refusal is audited in the client's project", async () => {
    const token = await aToken(client);
    expect((await api(token, "/me")).status).toBe(200);
    expect((await asClient(client, "revoke", { token })).status).toBe(200);
    await refusedAt(token, "key_revoked");
    const backing = await db().oAuthClient.findUniqueOrThrow({ where: { clientId: client.client_id }, select: { keyId: true } });
    const denied = await db().auditEntry.findFirst({ where: { projectId: project.id, action: "api.denied", actorId: backing.keyId }, orderBy: { createdAt: "desc" } });
    expect(denied).toMatchObject({ actorType: "key", actorLabel: "Billing sync", targetLabel: "GET /api/v1/me" });
    expect(JSON.parse(denied!.changes!)).toEqual({ code: "key_revoked" });
  });

  it("a forged lk_at_ (valid checksum, unknown) is invalid_api_key and counts as guessing", async () => {
    const fetcher = fromNewAddress();
    for (let i = 0; i < MAX_FAILED_CHECKS_PER_MINUTE; i++) await refusedAt(forged("at"), "invalid_api_key", fetcher);
    const blocked = await api(forged("at"), "/me", fetcher);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("an lk_at_ with a wrong checksum is invalid_api_key and costs no guess", async () => {
    const fetcher = fromNewAddress();
    const token = await aToken(client);
    for (let i = 0; i <= MAX_FAILED_CHECKS_PER_MINUTE; i++) await refusedAt(badChecksum(token), "invalid_api_key", fetcher);
    expect((await api(token, "/me", fetcher)).status).toBe(200);
  });

  it("a client secret or registration access token sent as an API key is invalid_api_key, and costs no guess (no read: nothing to guess)", async () => {
    const fetcher = fromNewAddress();
    const token = await aToken(client);
    for (const credential of [client.client_secret, client.registration_access_token]) {
      const res = await api(credential, "/me", fetcher);
      expect(res.status).toBe(401);
      expect((await res.json()).error).toMatchObject({ code: "invalid_api_key", message: expect.stringMatching(/token endpoint/) });
    }
    for (let i = 0; i <= MAX_FAILED_CHECKS_PER_MINUTE; i++) await refusedAt(forged("cs"), "invalid_api_key", fetcher);
    expect((await api(token, "/me", fetcher)).status).toBe(200);
  });

  it("a token without the route's scope is 403 with the insufficient_scope challenge naming the scope it needs (RFC 6750 §3.1)", async () => {
    const token = await aToken(client);
    const res = await api(token, "/users");
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("insufficient_permissions");
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="latchkey", error="insufficient_scope", scope="users:read"');
    const write = await api(token, "/campaigns", send, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Nope" }) });
    expect(write.headers.get("www-authenticate")).toBe('Bearer realm="latchkey", error="insufficient_scope", scope="campaigns:write"');
  });

  it("openid-client sees the challenges, so a client knows to fetch a new token (invalid_token) or ask for more (insufficient_scope)", async () => {
    const config = await openid.discovery(new URL(ISSUER), client.client_id, client.client_secret, undefined, {
      algorithm: "oauth2",
      execute: [openid.allowInsecureRequests],
      [openid.customFetch]: send,
    });
    const token = await aToken(client);
    await expect(openid.fetchProtectedResource(config, token, new URL(`${ISSUER}/api/v1/users`), "GET")).rejects.toMatchObject({
      status: 403,
      cause: [{ scheme: "bearer", parameters: { error: "insufficient_scope", scope: "users:read" } }],
    });
    setClockOffsetForTests(3600_000 + 1000);
    await expect(openid.fetchProtectedResource(config, token, new URL(`${ISSUER}/api/v1/me`), "GET")).rejects.toMatchObject({
      status: 401,
      cause: [{ scheme: "bearer", parameters: { error: "invalid_token" } }],
    });
  });

  it("a token of a client whose backing key is disabled is refused, and the client cannot get another (invalid_client)", async () => {
    const other = await aClient(admin, { scope: "campaigns:read" });
    const token = await aToken(other);
    expect((await api(token, "/me")).status).toBe(200);
    const backing = await db().oAuthClient.findUniqueOrThrow({ where: { clientId: other.client_id }, select: { keyId: true } });
    await db().apiKey.update({ where: { id: backing.keyId }, data: { disabledAt: new Date() } });
    const { keyChanged } = await import("@/lib/keys/key-changes");
    keyChanged(backing.keyId);
    await refusedAt(token, "key_disabled");
    const before = await state();
    await expectOAuthError(await asClient(other, "token", { grant_type: "client_credentials" }), { status: 401, error: "invalid_client", challenge: BASIC });
    await expectOAuthError(await asClient(other, "introspect", { token }), { status: 401, error: "invalid_client", challenge: BASIC });
    expect(await state()).toEqual(before);
  });
});

describe("introspection (RFC 7662) and revocation (RFC 7009) by another client", async () => {
  const { project, ctx } = await aProject();
  const admin = (await aKey(ctx, project.id, "admin")).secret;
  const owner = await aClient(admin, { scope: "campaigns:read" });
  const stranger = await aClient(admin, { scope: "campaigns:read" });
  const { project: elsewhere, ctx: elsewhereCtx } = await aProject("Elsewhere");
  const foreign = await aClient((await aKey(elsewhereCtx, elsewhere.id, "admin")).secret, { scope: "campaigns:read" });

  it.each([
    ["a client of the same project", () => stranger],
    ["a client of another project", () => foreign],
  ])("introspection by %s is {active: false} and leaks nothing", async (_, who) => {
    const token = await aToken(owner);
    const res = await asClient(who(), "introspect", { token });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ active: false });
  });

  it("introspection of an API key or of garbage is {active: false}", async () => {
    for (const token of [admin, "not a token", forged("at")]) expect(await (await asClient(owner, "introspect", { token })).json()).toEqual({ active: false });
  });

  it.each([
    ["a client of the same project", () => stranger],
    ["a client of another project", () => foreign],
  ])("revocation by %s is refused and the token still works", async (_, who) => {
    const token = await aToken(owner);
    const before = await state();
    await expectOAuthError(await asClient(who(), "revoke", { token }), { status: 400, error: "unauthorized_client" });
    expect(await state()).toEqual(before);
    expect((await api(token, "/me")).status).toBe(200);
    expect((await (await asClient(owner, "introspect", { token })).json()).active).toBe(true);
  });

  it("revoking an unknown token is 200 and changes nothing (RFC 7009 §2.2)", async () => {
    const before = await state();
    expect((await asClient(owner, "revoke", { token: forged("at") })).status).toBe(200);
    expect(await state()).toEqual(before);
  });

  it("a token_type_hint that does not fit is only a hint: the access token is still revoked (RFC 7009 §2.1)", async () => {
    const token = await aToken(owner);
    const res = await asClient(owner, "revoke", { token, token_type_hint: "refresh_token" });
    expect(res.status).toBe(200);
    expect((await api(token, "/me")).status).toBe(401);
  });

  it("revocation without a token is invalid_request", async () => {
    await expectOAuthError(await asClient(owner, "revoke", {}), { status: 400, error: "invalid_request" });
  });
});

describe("the client configuration endpoint (RFC 7592) with a wrong registration access token", async () => {
  const { project, ctx } = await aProject();
  const admin = (await aKey(ctx, project.id, "admin")).secret;
  const mine = await aClient(admin, { scope: "campaigns:read users:read" });
  const theirs = await aClient(admin, { scope: "campaigns:read" });
  const update = { client_id: mine.client_id, client_name: "Renamed", grant_types: ["client_credentials"], scope: "campaigns:read" };

  const tokens: [string, () => string | null, RegExp][] = [
    ["another client's registration token", () => theirs.registration_access_token, INVALID_TOKEN],
    ["a forged registration token", () => forged("rt"), INVALID_TOKEN],
    ["a registration token with a bad checksum", () => badChecksum(mine.registration_access_token), INVALID_TOKEN],
    ["the client's secret", () => mine.client_secret, INVALID_TOKEN],
    ["an admin key", () => admin, INVALID_TOKEN],
    ["no token", () => null, BEARER],
  ];
  const methods: [string, RequestInit][] = [
    ["GET", {}],
    ["PUT", { body: JSON.stringify(update), headers: { "content-type": "application/json" } }],
    ["DELETE", {}],
  ];
  const table = tokens.flatMap(([label, token, challenge]) => methods.map(([method, init]) => [`${method} with ${label}`, method, init, token, challenge] as const));
  it.each(table)("%s is 401 invalid_token and changes nothing", async (_, method, init, token, challenge) => {
    const before = await state();
    const t = token();
    const res = await fromNewAddress()(mine.registration_client_uri, { method, ...init, headers: { ...(init.headers as Record<string, string>), ...(t ? { authorization: `Bearer ${t}` } : {}) } });
    await expectOAuthError(res, { status: 401, error: "invalid_token", challenge });
    expect(await state()).toEqual(before);
  });

  it("PUT widening the scope is invalid_client_metadata and changes nothing", async () => {
    const before = await state();
    const res = await send(mine.registration_client_uri, {
      method: "PUT",
      headers: { authorization: `Bearer ${mine.registration_access_token}`, "content-type": "application/json" },
      body: JSON.stringify({ ...update, scope: "campaigns:read campaigns:write users:read" }),
    });
    await expectOAuthError(res, { status: 400, error: "invalid_client_metadata", challenge: null });
    expect(await state()).toEqual(before);
  });

  it("PUT without the client's client_id is invalid_client_metadata and changes nothing", async () => {
    const before = await state();
    const res = await send(mine.registration_client_uri, {
      method: "PUT",
      headers: { authorization: `Bearer ${mine.registration_access_token}`, "content-type": "application/json" },
      body: JSON.stringify({ ...update, client_id: theirs.client_id }),
    });
    await expectOAuthError(res, { status: 400, error: "invalid_client_metadata", challenge: null });
    expect(await state()).toEqual(before);
  });

  it("GET answers the configuration with a new registration access token, and the old one stops working (RFC 7592)", async () => {
    const read = await send(mine.registration_client_uri, { headers: { authorization: `Bearer ${mine.registration_access_token}` } });
    expect(read.status).toBe(200);
    const body = (await read.json()) as Client & { client_secret?: string };
    expect(body.client_id).toBe(mine.client_id);
    expect(body.client_secret).toBeUndefined();
    expect(body.registration_access_token).toMatch(/^lk_rt_/);
    expect(body.registration_access_token).not.toBe(mine.registration_access_token);
    const stale = await send(mine.registration_client_uri, { headers: { authorization: `Bearer ${mine.registration_access_token}` } });
    await expectOAuthError(stale, { status: 401, error: "invalid_token", challenge: INVALID_TOKEN });
    mine.registration_access_token = body.registration_access_token;
  });

  it("PUT narrowing the scope takes the removed permission from a live token at once", async () => {
    const token = await aToken(mine);
    expect((await api(token, "/users")).status).toBe(200);
    expect((await api(token, "/campaigns")).status).toBe(200);
    const res = await send(mine.registration_client_uri, {
      method: "PUT",
      headers: { authorization: `Bearer ${mine.registration_access_token}`, "content-type": "application/json" },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ client_id: mine.client_id, client_name: "Renamed", scope: "campaigns:read" });
    const users = await api(token, "/users");
    expect(users.status).toBe(403);
    expect((await users.json()).error.code).toBe("insufficient_permissions");
    expect((await api(token, "/campaigns")).status).toBe(200);
    expect(await (await asClient(mine, "introspect", { token })).json()).toMatchObject({ active: true, scope: "campaigns:read" });
    await expectOAuthError(await asClient(mine, "token", { grant_type: "client_credentials", scope: "users:read" }), { status: 400, error: "invalid_scope" });
  });
});

describe("failed client authentications count toward the per-address limit", async () => {
  const { project, ctx } = await aProject();
  const admin = (await aKey(ctx, project.id, "admin")).secret;
  const client = await aClient(admin, { scope: "campaigns:read" });

  it("after the limit the token endpoint is 429 with Retry-After, even for the right secret, and so is /api/v1 for an unknown key", async () => {
    const fetcher = fromNewAddress();
    const wrong = { client_id: client.client_id, client_secret: forged("cs") };
    for (let i = 0; i < MAX_FAILED_CHECKS_PER_MINUTE; i++) {
      expect((await asClient(wrong, "token", { grant_type: "client_credentials" }, fetcher)).status).toBe(401);
    }
    const before = await state();
    const blocked = await asClient(client, "token", { grant_type: "client_credentials" }, fetcher);
    await expectOAuthError(blocked, { status: 429, error: "temporarily_unavailable" });
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await state()).toEqual(before);
    expect((await api(forged("at"), "/me", fetcher)).status).toBe(429);
    // Another address is not held back.
    expect((await asClient(client, "token", { grant_type: "client_credentials" }, fromNewAddress())).status).toBe(200);
  });

  it("wrong registration access tokens count too", async () => {
    const fetcher = fromNewAddress();
    for (let i = 0; i < MAX_FAILED_CHECKS_PER_MINUTE; i++) {
      expect((await fetcher(client.registration_client_uri, { headers: { authorization: `Bearer ${forged("rt")}` } })).status).toBe(401);
    }
    const blocked = await fetcher(client.registration_client_uri, { headers: { authorization: `Bearer ${client.registration_access_token}` } });
    await expectOAuthError(blocked, { status: 429, error: "temporarily_unavailable" });
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("a client never gets more than the key that registered it", async () => {
  const { project, ctx } = await aProject();
  const news = await aChannel(ctx, project.id, "news");
  await aChannel(ctx, project.id, "vip");
  const contact = await db().contact.create({ data: { projectId: project.id, externalId: "u1" } });

  it("a channel-scoped admin key's client is scoped to the same channels", async () => {
    const scopedAdmin = (await aKey(ctx, project.id, "admin", { scope: "channels", channels: [news.id] })).secret;
    const token = await aToken(await aClient(scopedAdmin, { scope: "subscriptions:read subscriptions:write" }));
    expect(await (await api(token, "/me")).json()).toMatchObject({ scope: "channels", channels: ["news"] });
    const post = (channel: string) => api(token, "/subscriptions", send, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId: contact.id, channel }) });
    const outside = await post("vip");
    expect(outside.status).toBe(403);
    expect((await outside.json()).error.code).toBe("scope_violation");
    expect((await post("news")).status).toBe(201);
  });

  it("no scope reaches the admin API, whatever the client holds", async () => {
    const admin = (await aKey(ctx, project.id, "admin")).secret;
    const token = await aToken(await aClient(admin, { scope: "campaigns:read campaigns:write users:read users:write" }));
    const keys = await api(token, "/admin/keys");
    expect(keys.status).toBe(403);
    expect((await keys.json()).error.code).toBe("insufficient_permissions");
  });

  it("the client inherits the key's rate limit, and the token endpoint counts against it: no token past the limit", async () => {
    const limited = (await aKey(ctx, project.id, "admin", { rateLimit: 3 })).secret;
    const client = await aClient(limited, { scope: "campaigns:read" });
    for (let i = 0; i < 3; i++) expect((await asClient(client, "token", { grant_type: "client_credentials" })).status).toBe(200);
    const before = await state();
    const refused = await asClient(client, "token", { grant_type: "client_credentials" });
    await expectOAuthError(refused, { status: 429, error: "temporarily_unavailable" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await state()).toEqual(before);
  });
});

describe("secrets never reach the audit log, mail or logs", () => {
  it("register, issue, use, narrow, revoke and delete leave no secret behind", async () => {
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    try {
      const { project, ctx } = await aProject();
      const admin = (await aKey(ctx, project.id, "admin")).secret;
      // An Idempotency-Key must not make the registration answer (the secret) a stored replay.
      const registered = await send(`${ISSUER}/api/v1/oauth/register`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${admin}`, "idempotency-key": "register-once" },
        body: JSON.stringify({ client_name: "Billing sync", scope: "campaigns:read users:read" }),
      });
      expect(registered.status).toBe(201);
      const client: Client = await registered.json();
      const token = await aToken(client);
      const second = await aToken(client, "campaigns:read");
      expect((await api(token, "/me")).status).toBe(200);
      expect((await asClient(client, "introspect", { token })).status).toBe(200);
      const updated = await send(client.registration_client_uri, {
        method: "PUT",
        headers: { authorization: `Bearer ${client.registration_access_token}`, "content-type": "application/json" },
        body: JSON.stringify({ client_id: client.client_id, scope: "campaigns:read" }),
      });
      // The update answers with a new registration access token, which replaces the first (RFC 7592).
      const { registration_access_token: rotated } = (await updated.json()) as Client;
      expect(rotated).toMatch(/^lk_rt_/);
      expect(rotated).not.toBe(client.registration_access_token);
      expect((await asClient(client, "revoke", { token })).status).toBe(200);
      expect((await api(token, "/me")).status).toBe(401);
      expect((await send(client.registration_client_uri, { method: "DELETE", headers: { authorization: `Bearer ${client.registration_access_token}` } })).status).toBe(401);
      expect((await send(client.registration_client_uri, { method: "DELETE", headers: { authorization: `Bearer ${rotated}` } })).status).toBe(204);
      expect((await api(second, "/me")).status).toBe(401);

      const secrets = [client.client_secret, client.registration_access_token, rotated, token, second];
      const audit = await db().auditEntry.findMany({ where: { projectId: project.id } });
      expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(["oauth_client.registered", "oauth_client.updated", "oauth_token.revoked", "oauth_client.deleted", "api.denied"]));
      const mail = await db().mail.findMany();
      const replays = await db().idempotentRequest.findMany();
      const requests = await db().keyRequest.findMany();
      const stored = [audit, mail, replays, requests]
        .map((rows) => JSON.stringify(rows))
        .concat(logged)
        .join("\n");
      for (const secret of secrets) {
        expect(stored).not.toContain(secret);
        // Nor its random part, in any shape.
        expect(stored).not.toContain(secret.slice(6, 38));
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
