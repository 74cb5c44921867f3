import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { rotateKey, updateKey } from "@/lib/keys/service";
import { updateKeySchema } from "@/lib/keys/schemas";
import * as me from "@/app/api/v1/me/route";
import * as campaigns from "@/app/api/v1/campaigns/route";
import { MAX_RATE_LIMIT } from "@/lib/keys/schemas";
import { generateKey } from "@/lib/keys/format";
import { createRateLimits, MAX_FAILED_CHECKS_PER_MINUTE, rateLimits, setRateLimits, type RateLimits } from "./rate-limits";

// Per-key rate limits through real /api/v1 route handlers, with the process's own (memory) limits.

// The fields of draft-ietf-httpapi-ratelimit-headers-11: RateLimit-Policy: "key";q=<limit>;w=60 and RateLimit: "key";r=<remaining>;t=<seconds>.
const POLICY = /^"(key|address)";q=(\d+);w=(\d+)$/;
const STATE = /^"(key|address)";r=(\d+);t=(\d+)$/;
const IP = "198.51.100.77";
const noParams = { params: Promise.resolve({}) };

const getMe = (secret: string) => me.GET(new Request("http://localhost/api/v1/me", { headers: { "x-api-key": secret, "x-forwarded-for": IP } }), noParams);
const postCampaign = (secret: string, name: string) =>
  campaigns.POST!(
    new Request("http://localhost/api/v1/campaigns", { method: "POST", headers: { "x-api-key": secret, "x-forwarded-for": IP, "content-type": "application/json" }, body: JSON.stringify({ name }) }),
    noParams,
  );
/** The two fields read back: the policy's name, quota and window, the remaining budget and seconds to reset. */
function rateHeaders(res: Response) {
  const policy = POLICY.exec(res.headers.get("ratelimit-policy") ?? "");
  const state = STATE.exec(res.headers.get("ratelimit") ?? "");
  if (!policy || !state) return null;
  expect(state[1]).toBe(policy[1]);
  return { policy: policy[1], limit: policy[2], window: policy[3], remaining: state[2], reset: Number(state[3]) };
}
const campaignCount = (projectId: string) => db().record.count({ where: { projectId, type: "campaigns" } });

afterEach(() => setRateLimits(undefined));

describe("a key's rate limit on /api/v1", () => {
  it("serves its limit per minute with the RateLimit-Policy and RateLimit fields, then answers 429 rate_limited without running the handler", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "editor", { rateLimit: 3 });

    for (const remaining of ["2", "1", "0"]) {
      const res = await postCampaign(secret, `Spring ${remaining}`);
      expect(res.status).toBe(201);
      expect(rateHeaders(res)).toEqual({ policy: "key", limit: "3", window: "60", remaining, reset: expect.any(Number) });
      expect(rateHeaders(res)!.reset).toBeGreaterThan(0);
      expect(rateHeaders(res)!.reset).toBeLessThanOrEqual(60);
      expect(res.headers.get("retry-after")).toBeNull();
      for (const old of ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"]) expect(res.headers.get(old)).toBeNull();
    }

    const refused = await postCampaign(secret, "One too many");
    expect(refused.status).toBe(429);
    expect(rateHeaders(refused)).toMatchObject({ policy: "key", limit: "3", remaining: "0" });
    expect(rateHeaders(refused)!.reset).toBeGreaterThan(0);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await refused.json();
    expect(body).toEqual({ error: { code: "rate_limited", message: expect.stringContaining("3 per minute") }, requestId: refused.headers.get("x-request-id") });
    expect(await campaignCount(project.id)).toBe(3);
  });

  it("counts a key without a limit against the platform ceiling, so its responses carry the fields too", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "editor");
    const real = rateLimits();
    let asked = 0;
    const counting: RateLimits = { ...real, takeKeyRequest: (...args) => (asked++, real.takeKeyRequest(...args)) };
    setRateLimits(counting);
    for (let i = 1; i <= 20; i++) {
      const res = await getMe(secret);
      expect(res.status).toBe(200);
      expect(rateHeaders(res)).toMatchObject({ policy: "key", limit: String(MAX_RATE_LIMIT), window: "60", remaining: String(MAX_RATE_LIMIT - i) });
    }
    expect(asked).toBe(20);
  });

  it("names the address policy on the 429 for too many failed key checks", async () => {
    const ip = "198.51.100.78";
    const unknown = () => me.GET(new Request("http://localhost/api/v1/me", { headers: { "x-api-key": generateKey("sk"), "x-forwarded-for": ip } }), noParams);
    for (let i = 0; i < MAX_FAILED_CHECKS_PER_MINUTE; i++) expect((await unknown()).status).toBe(401);
    const refused = await unknown();
    expect(refused.status).toBe(429);
    expect(rateHeaders(refused)).toMatchObject({ policy: "address", limit: "60", window: "60", remaining: "0" });
    expect(rateHeaders(refused)!.reset).toBe(Number(refused.headers.get("retry-after")));
  });

  it("keeps a separate budget for each key", async () => {
    const { project, ctx } = await aProject();
    const first = await aKey(ctx, project.id, "support", { rateLimit: 2 });
    const second = await aKey(ctx, project.id, "support", { rateLimit: 2 });
    expect((await Promise.all([getMe(first.secret), getMe(first.secret), getMe(first.secret)])).map((r) => r.status).sort()).toEqual([200, 200, 429]);
    const other = await getMe(second.secret);
    expect(other.status).toBe(200);
    expect(rateHeaders(other)).toMatchObject({ remaining: "1" });
  });

  it("counts a request before the permission check, and puts the headers on the refusal too", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "support", { rateLimit: 2 });
    const denied = await postCampaign(secret, "Not mine to make");
    expect(denied.status).toBe(403);
    expect(rateHeaders(denied)).toMatchObject({ limit: "2", remaining: "1" });
    expect((await getMe(secret)).status).toBe(200);
    const limited = await postCampaign(secret, "Still not mine");
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe("rate_limited");
  });

  it("applies an edited limit on the very next request, and an emptied one lifts the limit", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "support", { rateLimit: 2 });
    expect((await getMe(secret)).status).toBe(200);
    expect((await getMe(secret)).status).toBe(200);
    expect((await getMe(secret)).status).toBe(429);

    await updateKey(project.id, updateKeySchema.parse({ id: key.id, role: "support", scope: "all", rateLimit: "5" }), ctx);
    const raised = await getMe(secret);
    expect(raised.status).toBe(200);
    expect(rateHeaders(raised)).toMatchObject({ limit: "5", remaining: "1" });

    await updateKey(project.id, updateKeySchema.parse({ id: key.id, role: "support", scope: "all", rateLimit: "" }), ctx);
    for (let i = 0; i < 10; i++) {
      const res = await getMe(secret);
      expect(res.status).toBe(200);
      expect(rateHeaders(res)).toMatchObject({ limit: String(MAX_RATE_LIMIT) });
    }
  });

  it("gives the replacement of a rotated key the same limit, with its own budget", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "support", { rateLimit: 2 });
    await getMe(secret);
    await getMe(secret);
    const rotated = await rotateKey(project.id, { id: key.id, grace: "1h" }, ctx);
    const res = await getMe(rotated.secret);
    expect(res.status).toBe(200);
    expect(rateHeaders(res)).toMatchObject({ limit: "2", remaining: "1" });
    expect((await getMe(secret)).status).toBe(429);
  });

  it("serves the largest allowed limit in full and refuses the request after it (the limiter's own ceiling is no error)", async () => {
    const limits = createRateLimits();
    for (let i = 1; i <= 100_000; i++) {
      const { allowed } = await limits.takeKeyRequest("key-at-the-ceiling", 100_000);
      if (!allowed) throw new Error(`request ${i} was refused`);
    }
    const over = await limits.takeKeyRequest("key-at-the-ceiling", 100_000);
    expect(over.allowed).toBe(false);
    expect(over.headers).toMatchObject({ RateLimit: expect.stringMatching(/^"key";r=0;t=\d+$/), "Retry-After": expect.stringMatching(/^\d+$/) });
  });
});
