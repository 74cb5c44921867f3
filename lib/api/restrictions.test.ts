import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { aProject } from "@/lib/testing/fixtures";
import type { AuditContext } from "@/lib/audit/record";
import { createKey, updateKey } from "@/lib/keys/service";
import type { CreateKeyInput } from "@/lib/keys/schemas";
import { GET as getMe } from "@/app/api/v1/me/route";
import { OPTIONS as usersOptions, POST as createUser } from "@/app/api/v1/users/route";
import { OPTIONS as adminKeysOptions } from "@/app/api/v1/admin/keys/route";
import { forgetBrowserWarnings } from "./restrictions";
import { forgetAllowedOrigins } from "./cors";
import { quotaLeft, quotaSpender } from "@/lib/keys/quota-store";

// SPEC §16 through the real route handlers on SQLite: the address the server put in
// X-Forwarded-For (scripts/server.mjs, TRUST_PROXY_HOPS), the Origin and Sec-Fetch-* headers a
// browser sends, and quotas.

const noParams = { params: Promise.resolve({}) };

function call(
  route: (req: Request, ctx: typeof noParams) => Promise<Response>,
  secret: string | null,
  {
    ip = "203.0.113.5",
    path = "/me",
    headers = {} as Record<string, string>,
    method = "GET",
    body,
  }: { ip?: string; path?: string; headers?: Record<string, string>; method?: string; body?: string } = {},
) {
  return route(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      body,
      headers: { ...(secret ? { authorization: `Bearer ${secret}` } : {}), "x-forwarded-for": ip, "content-type": "application/json", ...headers },
    }),
    noParams,
  );
}

async function keyWith(ctx: AuditContext, projectId: string, settings: Partial<CreateKeyInput>) {
  return createKey(projectId, { name: "Restricted", description: "", role: "support", scope: "all", channels: [], expires: "never", expiresOn: "", rateLimit: null, ...settings }, ctx);
}

beforeEach(() => {
  forgetBrowserWarnings();
  forgetAllowedOrigins();
});
afterAll(async () => {
  await quotaSpender().returnIdle(Date.now(), { force: true });
});

describe("IP allow list", () => {
  it("answers from an allowed address, IPv4 and IPv6, and refuses another with 403 ip_not_allowed, audited", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await keyWith(ctx, project.id, { allowedIps: ["203.0.113.0/24", "2001:db8::/32"] });
    expect((await call(getMe, secret, { ip: "203.0.113.77" })).status).toBe(200);
    expect((await call(getMe, secret, { ip: "2001:db8::beef" })).status).toBe(200);
    for (const ip of ["198.51.100.1", "2001:db9::1"]) {
      const refused = await call(getMe, secret, { ip });
      expect(refused.status).toBe(403);
      expect((await refused.json()).error).toMatchObject({ code: "ip_not_allowed", message: expect.stringContaining(ip) });
    }
    const denied = await db().auditEntry.findMany({ where: { projectId: project.id, action: "api.denied", actorId: key.id } });
    expect(denied.map((e) => JSON.parse(e.changes!).code)).toContain("ip_not_allowed");
  });

  it("in report-only mode answers 200 and writes a “would have refused” entry", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await keyWith(ctx, project.id, { allowedIps: ["203.0.113.0/24"], ipReportOnly: true });
    expect((await call(getMe, secret, { ip: "198.51.100.1" })).status).toBe(200);
    await expect.poll(() => db().auditEntry.count({ where: { projectId: project.id, action: "api.would_refuse", actorId: key.id, ip: "198.51.100.1" } })).toBe(1);
    expect((await call(getMe, secret, { ip: "203.0.113.9" })).status).toBe(200);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "api.would_refuse", ip: "203.0.113.9" } })).toBe(0);
  });

  // Red-team finding: reported-only calls used up the budget of real refusals' audit entries.
  it("keeps reported-only calls from crowding real refusals out of the audit log", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await keyWith(ctx, project.id, { allowedIps: ["203.0.113.0/24"], ipReportOnly: true });
    for (let i = 0; i < 40; i++) expect((await call(getMe, secret, { ip: "198.51.100.1" })).status).toBe(200);
    expect((await call((await import("@/app/api/v1/admin/keys/route")).GET, secret, { path: "/admin/keys", ip: "203.0.113.9" })).status).toBe(403);
    await expect.poll(() => db().auditEntry.count({ where: { projectId: project.id, action: "api.denied", actorId: key.id } })).toBe(1);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "api.would_refuse", actorId: key.id } })).toBeLessThanOrEqual(30);
  });

  it("applies an edited list on the next request", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await keyWith(ctx, project.id, {});
    expect((await call(getMe, secret, { ip: "198.51.100.1" })).status).toBe(200);
    await updateKey(project.id, { id: key.id, name: key.name, description: "", role: "support", scope: "all", channels: [], allowedIps: ["203.0.113.0/24"] }, ctx);
    expect((await call(getMe, secret, { ip: "198.51.100.1" })).status).toBe(403);
  });
});

describe("allowed origins and CORS", () => {
  it("lets a publishable key's allowed origin in with CORS fields, refuses another origin and Origin: null", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await keyWith(ctx, project.id, { role: "client", allowedOrigins: ["https://app.example.com"] });
    const browser = { "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" };
    const body = JSON.stringify({ externalId: "u1" });
    const allowed = await call(createUser, secret, { method: "POST", path: "/users", body, headers: { ...browser, origin: "https://app.example.com" } });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(allowed.headers.get("vary")).toContain("Origin");
    for (const origin of ["https://evil.example", "null"]) {
      const refused = await call(createUser, secret, { method: "POST", path: "/users", body, headers: { ...browser, origin } });
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.code).toBe("origin_not_allowed");
      expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    }
    // A server sends no Origin: answered, without CORS fields.
    const server = await call(createUser, secret, { method: "POST", path: "/users", body: JSON.stringify({ externalId: "u2" }) });
    expect(server.status).toBe(201);
    expect(server.headers.get("access-control-allow-origin")).toBeNull();
  });

  // Red-team finding: a page on any site could write with a publishable key that allows no origin (blind, but written).
  it("refuses a publishable key without allowed origins to a page on another site, and still answers servers and same-origin pages", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await keyWith(ctx, project.id, { role: "client" });
    const body = JSON.stringify({ externalId: "u3" });
    const crossSite = await call(createUser, secret, { method: "POST", path: "/users", body, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" } });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.code).toBe("origin_not_allowed");
    expect(await db().contact.count({ where: { projectId: project.id } })).toBe(0);
    expect((await call(createUser, secret, { method: "POST", path: "/users", body, headers: { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" } })).status).toBe(201);
    expect((await call(createUser, secret, { method: "POST", path: "/users", body: JSON.stringify({ externalId: "u4" }) })).status).toBe(201);
  });

  it("answers a preflight from an allowed origin with CORS fields, and one from another origin or to an admin route without", async () => {
    const { project, ctx } = await aProject();
    await keyWith(ctx, project.id, { role: "client", allowedOrigins: ["https://shop.example.com"] });
    const preflight = (route: typeof usersOptions, origin: string, path = "/users") =>
      call(route as never, null, { method: "OPTIONS", path, headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" } });
    const allowed = await preflight(usersOptions, "https://shop.example.com");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    expect(allowed.headers.get("access-control-allow-methods")).toBe("POST");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("Authorization");
    expect((await preflight(usersOptions, "https://other.example.com")).headers.get("access-control-allow-origin")).toBeNull();
    expect((await preflight(adminKeysOptions, "https://shop.example.com", "/admin/keys")).headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("secret keys in browsers", () => {
  it("refuses a secret key sent with Sec-Fetch headers (401 secret_key_in_browser) and tells the admins once a day", async () => {
    const { project, ctx, email } = await aProject();
    const { key, secret } = await keyWith(ctx, project.id, {});
    await db().mail.deleteMany({ where: { recipient: email } });
    for (const headers of [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-mode": "cors", "sec-fetch-dest": "empty", origin: "https://app.example.com" }] as Record<string, string>[]) {
      const refused = await call(getMe, secret, { headers });
      expect(refused.status).toBe(401);
      expect((await refused.json()).error.code).toBe("secret_key_in_browser");
    }
    forgetBrowserWarnings(); // as if the second request had reached another instance
    expect((await call(getMe, secret, { headers: { "sec-fetch-site": "same-site" } })).status).toBe(401);
    await expect.poll(() => db().auditEntry.count({ where: { projectId: project.id, action: "key.secret_in_browser", targetId: key.id } })).toBe(1);
    const mails = await db().mail.findMany({ where: { recipient: email, subject: "A secret API key of your Latchkey project was sent from a browser" } });
    expect(mails).toHaveLength(1);
    expect(mails[0].body).not.toContain(secret.slice(6));
    // Plain curl and server SDKs are unaffected, Node.js's fetch included: it sends "Sec-Fetch-Mode: cors" alone.
    expect((await call(getMe, secret)).status).toBe(200);
    expect((await call(getMe, secret, { headers: { "sec-fetch-mode": "cors", "user-agent": "node" } })).status).toBe(200);
  });

  it("lets a publishable key be used from a browser page on one of its origins", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await keyWith(ctx, project.id, { role: "client", allowedOrigins: ["https://app.example.com"] });
    expect((await call(getMe, secret, { headers: { origin: "https://app.example.com", "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" } })).status).toBe(200);
  });
});

describe("quotas", () => {
  it("answers N requests, then 429 quota_exhausted with Retry-After to the refill, with the quota's RateLimit fields", async () => {
    const { project, ctx, email } = await aProject();
    const { key, secret } = await keyWith(ctx, project.id, { quota: 10, quotaPeriod: "day" });
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await call(getMe, secret));
    expect(answers.map((r) => r.status)).toEqual([...Array(10).fill(200), 429]);
    expect(answers[0].headers.get("ratelimit-policy")).toMatch(/^"key";q=\d+;w=60, "quota";q=10;w=86400$/);
    expect(answers[0].headers.get("ratelimit")).toMatch(/, "quota";r=\d+;t=\d+$/);
    const refusal = answers[10];
    expect((await refusal.json()).error.code).toBe("quota_exhausted");
    // Red-team finding: the 429 lost its quota fields to the key's own.
    expect(refusal.headers.get("ratelimit")).toMatch(/, "quota";r=0;t=\d+$/);
    expect(refusal.headers.get("ratelimit-policy")).toMatch(/, "quota";q=10;w=86400$/);
    const retryAfter = Number(refusal.headers.get("retry-after"));
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(Math.abs(retryAfter - (midnight.getTime() - Date.now()) / 1000)).toBeLessThan(5);
    // One notice at 80% and one at 100%, audited (which is also what sends the webhook) and mailed.
    await expect
      .poll(async () => (await db().auditEntry.findMany({ where: { projectId: project.id, action: "key.quota_reached", targetId: key.id } })).map((e) => JSON.parse(e.changes!).threshold).sort())
      .toEqual([100, 80]);
    const mails = await db().mail.findMany({ where: { recipient: email, subject: { contains: "quota" } } });
    expect(mails.map((m) => m.subject).sort()).toEqual(["An API key in your Latchkey project used 80% of its quota", "An API key in your Latchkey project used all of its quota"]);
  });

  it("does not spend quota on a request the key's role refuses", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await keyWith(ctx, project.id, { role: "client", quota: 2, quotaPeriod: "month" });
    for (let i = 0; i < 3; i++) expect((await call((await import("@/app/api/v1/users/route")).GET, secret, { path: "/users" })).status).toBe(403);
    expect((await quotaLeft(key.id, 2, "month")).left).toBe(2);
    expect((await call(getMe, secret)).status).toBe(200);
    expect((await call(getMe, secret)).status).toBe(200);
    expect((await call(getMe, secret)).status).toBe(429);
    const left = await quotaLeft(key.id, 2, "month");
    expect(left.left).toBe(0);
    expect(left.refillsAt.getUTCDate()).toBe(1);
  });
});

describe("bad restriction input", () => {
  it("refuses a bad list or quota with a field error and creates nothing", async () => {
    const { createKeySchema } = await import("@/lib/keys/schemas");
    const base = { name: "x", role: "support", scope: "all" };
    const fieldOf = (extra: Record<string, unknown>) => {
      const parsed = createKeySchema.safeParse({ ...base, ...extra });
      return parsed.success ? null : parsed.error.issues.map((i) => i.path.join("."));
    };
    expect(fieldOf({ allowedIps: "10.0.0.0/33" })).toEqual(["allowedIps"]);
    expect(fieldOf({ allowedIps: "::ffff:1.2.3.4/200" })).toEqual(["allowedIps"]);
    expect(fieldOf({ ipReportOnly: "on" })).toEqual(["ipReportOnly"]);
    expect(fieldOf({ allowedOrigins: "https://app.example.com" })).toEqual(["allowedOrigins"]); // a secret key
    expect(fieldOf({ quota: "0", quotaPeriod: "day" })).toEqual(["quota"]);
    expect(fieldOf({ quota: "1000000000000", quotaPeriod: "day" })).toEqual(["quota"]);
    expect(fieldOf({ quota: "12.5", quotaPeriod: "day" })).toEqual(["quota"]);
    expect(fieldOf({ quota: "100" })).toEqual(["quotaPeriod"]);
    expect(fieldOf({ quota: "100", quotaPeriod: "week" })).toEqual(["quotaPeriod"]);
    expect(fieldOf({ allowedIps: "203.0.113.0/24", ipReportOnly: "on", quota: "100", quotaPeriod: "month" })).toBeNull();
  });
});

vi.setConfig({ testTimeout: 20_000 });
