import { afterEach, describe, expect, it } from "vitest";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { findKeyByHash } from "@/lib/keys/lookup";
import { deleteKey, revokeKey } from "@/lib/keys/service";
import { keyCache } from "@/lib/keys/key-changes";
import { generateKey } from "@/lib/keys/format";
import { db } from "@/lib/db";
import { usage } from "@/lib/keys/usage";
import { recentRequests } from "@/lib/keys/usage-queries";
import { apiRoute, GUARDED, setKeyLookup } from "./handler";

// Test-only routes, built the one way every /api/v1 route is built.
let ran = 0;
const createCampaign = apiRoute({ resource: "campaigns", action: "create" }, async ({ key }) => {
  ran++;
  return { created: true, by: key.role };
});
const SECRET_DETAIL = "db password hunter2 at /srv/latchkey/lib/secret.ts:42";
const explode = apiRoute("any", async () => {
  throw new Error(SECRET_DETAIL);
});
const explodeWithString = apiRoute("any", async () => {
  throw SECRET_DETAIL;
});

let nextIp = 1;
/** A fresh client address per test, so the per-IP limiter of one test never touches another. */
const freshIp = () => `198.51.100.${nextIp++}`;

const call = (route: typeof createCampaign, headers: Record<string, string>) => route(new Request("http://localhost/api/v1/test", { method: "POST", headers }), { params: Promise.resolve({}) });

afterEach(() => setKeyLookup(findKeyByHash));

describe("the /api/v1 guard", () => {
  it("marks every route it builds as key-guarded", () => {
    expect(createCampaign[GUARDED]).toBe("key");
  });

  it("answers 429 rate_limited with Retry-After once an address exceeds its failed key checks", async () => {
    const ip = freshIp();
    for (let i = 0; i < 60; i++) {
      const res = await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": generateKey("sk") });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const res = await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": generateKey("sk") });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await res.json();
    expect(body.error.code).toBe("rate_limited");
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("keeps refusing a blocked address even with a valid key, while other addresses go on", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "editor");
    const ip = freshIp();
    for (let i = 0; i < 61; i++) await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": generateKey("sk") });
    expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": secret })).status).toBe(429);
    expect((await call(createCampaign, { "x-forwarded-for": freshIp(), "x-api-key": secret })).status).toBe(200);
  });

  it("does not count successful key checks against an address", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "editor");
    const ip = freshIp();
    for (let i = 0; i < 70; i++) {
      const res = await call(createCampaign, { "x-forwarded-for": ip, authorization: `Bearer ${secret}` });
      expect(res.status, `request ${i + 1}`).toBe(200);
    }
  });

  it("does not count requests refused before any database read (no key, bad format, bad checksum)", async () => {
    const ip = freshIp();
    const typo = generateKey("sk").slice(0, -1) + "0";
    for (let i = 0; i < 70; i++) {
      const headers = [{}, { "x-api-key": "lk_sk_short" }, { "x-api-key": typo }][i % 3] as Record<string, string>;
      expect((await call(createCampaign, { "x-forwarded-for": ip, ...headers })).status).toBe(401);
    }
  });

  it("does not count known revoked or expired keys: another project's key from that address still works", async () => {
    const mine = await aProject();
    const { key: revoked, secret: revokedSecret } = await aKey(mine.ctx, mine.project.id, "editor");
    await revokeKey(mine.project.id, revoked.id, mine.ctx);
    const { key: expired, secret: expiredSecret } = await aKey(mine.ctx, mine.project.id, "editor");
    await db().apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const theirs = await aProject();
    const { secret: otherProjectSecret } = await aKey(theirs.ctx, theirs.project.id, "editor");
    const ip = freshIp();
    for (let i = 0; i < 61; i++) {
      const [secret, code] = i % 2 ? [expiredSecret, "key_expired"] : [revokedSecret, "key_revoked"];
      const res = await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": secret });
      expect([res.status, (await res.json()).error.code], `attempt ${i + 1}`).toEqual([401, code]);
    }
    expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": otherProjectSecret })).status).toBe(200);
    // Unknown but well-formed keys still count: the 61st is refused, and so is every key from there.
    for (let i = 0; i < 60; i++) expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": generateKey("sk") })).status).toBe(401);
    expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": generateKey("sk") })).status).toBe(429);
    expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": otherProjectSecret })).status).toBe(429);
  });

  it("answers keys the cache already holds even while their address is blocked; a key that needs a read is 429", async () => {
    setKeyLookup(keyCache().lookup);
    // On PostgreSQL the cache serves from memory only once its change listener is connected.
    for (let i = 0; i < 100 && !keyCache().isActive; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const mine = await aProject();
    const { secret: used } = await aKey(mine.ctx, mine.project.id, "editor");
    const { key: revoked, secret: revokedSecret } = await aKey(mine.ctx, mine.project.id, "editor");
    const { secret: neverSeen } = await aKey(mine.ctx, mine.project.id, "editor");
    const ip = freshIp();
    expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": used })).status).toBe(200);
    await revokeKey(mine.project.id, revoked.id, mine.ctx);
    // On PostgreSQL this instance also hears of its own revoke (NOTIFY) a moment later, and forgets the key again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": revokedSecret })).status).toBe(401);
    for (let i = 0; i < 60; i++) expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": generateKey("sk") })).status).toBe(401);
    expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": generateKey("sk") })).status).toBe(429);

    const known = await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": used });
    expect([known.status, await known.json()]).toEqual([200, { created: true, by: "editor" }]);
    const knownRevoked = await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": revokedSecret });
    expect([knownRevoked.status, (await knownRevoked.json()).error.code]).toEqual([401, "key_revoked"]);
    // A key this instance has not seen needs a database read, which is what the block withholds from
    // an address that is guessing: its owner waits out the minute (or uses it from another address).
    // Acceptable: the block still stops the guessing, and the keys already in use there go on.
    const unseen = await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": neverSeen });
    expect([unseen.status, (await unseen.json()).error.code]).toEqual([429, "rate_limited"]);
    expect((await call(createCampaign, { "x-forwarded-for": freshIp(), "x-api-key": neverSeen })).status).toBe(200);
  });

  it("remembers a deleted key: 401 invalid_api_key, not counted, and answered while the address is blocked", async () => {
    setKeyLookup(keyCache().lookup);
    for (let i = 0; i < 100 && !keyCache().isActive; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const mine = await aProject();
    const { key: gone, secret: goneSecret } = await aKey(mine.ctx, mine.project.id, "editor");
    const { secret: other } = await aKey(mine.ctx, mine.project.id, "editor");
    const ip = freshIp();
    expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": goneSecret })).status).toBe(200);
    await deleteKey(mine.project.id, gone.id, mine.ctx);
    for (let i = 0; i < 61; i++) {
      const res = await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": goneSecret });
      expect([res.status, (await res.json()).error.code], `attempt ${i + 1}`).toEqual([401, "invalid_api_key"]);
    }
    expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": other })).status).toBe(200);
    for (let i = 0; i < 60; i++) await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": generateKey("sk") });
    expect((await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": generateKey("sk") })).status).toBe(429);
    const deleted = await call(createCampaign, { "x-forwarded-for": ip, "x-api-key": goneSecret });
    expect([deleted.status, (await deleted.json()).error.code]).toEqual([401, "invalid_api_key"]);
  });

  it("turns an exception inside the handler into 500 internal without leaking its message or stack", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "support");
    for (const route of [explode, explodeWithString]) {
      const res = await call(route, { "x-forwarded-for": freshIp(), "x-api-key": secret });
      expect(res.status).toBe(500);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const text = await res.text();
      for (const leak of ["hunter2", "secret.ts", "/srv/", "stack", "    at ", secret]) expect(text).not.toContain(leak);
      const body = JSON.parse(text);
      expect(Object.keys(body).sort()).toEqual(["error", "requestId"]);
      expect(Object.keys(body.error).sort()).toEqual(["code", "message"]);
      expect(body.error.code).toBe("internal");
      expect(body.requestId).toBe(res.headers.get("x-request-id"));
    }
  });

  it("fails closed with 500 internal when the key lookup itself breaks, and never runs the handler", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "admin");
    setKeyLookup(async () => {
      throw new Error("connection refused to 10.0.0.5:5432");
    });
    const before = ran;
    const res = await call(createCampaign, { "x-forwarded-for": freshIp(), "x-api-key": secret });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("10.0.0.5");
    expect(JSON.parse(text).error.code).toBe("internal");
    expect(ran).toBe(before);
  });

  it("answers 403 insufficient_permissions naming the key's role when the route needs a role it lacks", async () => {
    const { project, ctx } = await aProject();
    for (const role of ["client", "support"] as const) {
      const { secret } = await aKey(ctx, project.id, role);
      const before = ran;
      const res = await call(createCampaign, { "x-forwarded-for": freshIp(), "x-api-key": secret });
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body.error.code).toBe("insufficient_permissions");
      expect(body.error.message).toBe(`This key's role "${role}" cannot write campaigns (needs editor or admin).`);
      expect(ran).toBe(before);
    }
  });

  it("runs the handler for a key whose role has the declared permission", async () => {
    const { project, ctx } = await aProject();
    for (const role of ["editor", "admin"] as const) {
      const { secret } = await aKey(ctx, project.id, role);
      const before = ran;
      const res = await call(createCampaign, { "x-forwarded-for": freshIp(), authorization: `Bearer ${secret}` });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ created: true, by: role });
      expect(ran).toBe(before + 1);
    }
  });

  it("never runs the handler without a valid key", async () => {
    const before = ran;
    const attempts: Record<string, string>[] = [{}, { "x-api-key": "lk_sk_x" }, { authorization: "Basic abc" }, { "x-latchkey-role": "admin" }];
    for (const headers of attempts) {
      const res = await call(createCampaign, { "x-forwarded-for": freshIp(), ...headers });
      expect(res.status).toBe(401);
    }
    expect(ran).toBe(before);
  });
});

describe("the recent-requests recorder", () => {
  const get = apiRoute("any", async () => ({ ok: true }), { query: "any" });
  const callAs = (route: typeof get, secret: string, userAgent: string) =>
    route(new Request(`http://localhost/api/v1/test?api_key=${secret}`, { method: "POST", headers: { "x-forwarded-for": freshIp(), "x-api-key": secret, "user-agent": userAgent } }), {
      params: Promise.resolve({}),
    });

  it("keeps a refused call's error code and the caller's User-Agent (cut to 256), a success with no code, and never the key", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "client", { rateLimit: 2 });
    // A millisecond apart at least: requests within one millisecond have no order among themselves.
    const aMillisecondLater = () => new Promise((resolve) => setTimeout(resolve, 2));
    expect((await callAs(get, secret, "curl/8.5.0")).status).toBe(200);
    await aMillisecondLater();
    expect((await callAs(createCampaign, secret, "sdk-node/1.2")).status).toBe(403);
    await aMillisecondLater();
    expect((await callAs(get, secret, "x".repeat(300))).status).toBe(429);
    await usage.flush();
    const { requests } = await recentRequests(project.id, key.id);
    expect(requests.map(({ status, errorCode, userAgent }) => ({ status, errorCode, userAgent }))).toEqual([
      { status: 429, errorCode: "rate_limited", userAgent: "x".repeat(256) },
      { status: 403, errorCode: "insufficient_permissions", userAgent: "sdk-node/1.2" },
      { status: 200, errorCode: null, userAgent: "curl/8.5.0" },
    ]);
    expect(JSON.stringify(requests)).not.toContain(secret);
  });
});
