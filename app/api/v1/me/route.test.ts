import { describe, expect, it } from "vitest";
import { GET } from "./route";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import { revokeKey } from "@/lib/keys/service";
import { generateKey } from "@/lib/keys/format";
import { db } from "@/lib/db";

const call = (headers: Record<string, string>) => GET(new Request("http://localhost/api/v1/me", { headers }), { params: Promise.resolve({}) });

describe("GET /api/v1/me", () => {
  it("returns the key's identity with either header style", async () => {
    const { project, ctx } = await aProject();
    const news = await aChannel(ctx, project.id, "news");
    const { key, secret } = await aKey(ctx, project.id, "editor", { scope: "channels", channels: [news.id], name: "Backend" });
    for (const headers of [{ authorization: `Bearer ${secret}` }, { "x-api-key": secret }] as Record<string, string>[]) {
      const res = await call(headers);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-request-id")).toMatch(/^req_/);
      const body = await res.json();
      expect(body).toMatchObject({ id: key.id, name: "Backend", role: "editor", scope: "channels", channels: ["news"], project: { slug: project.slug } });
    }
  });

  it("answers 401 missing_api_key with WWW-Authenticate when no key is sent", async () => {
    const res = await call({});
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const body = await res.json();
    expect(body.error.code).toBe("missing_api_key");
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("rejects a key with a wrong checksum without revealing anything", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id);
    const typo = secret.slice(0, 12) + (secret[12] === "A" ? "B" : "A") + secret.slice(13);
    const res = await call({ authorization: `Bearer ${typo}` });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_api_key");
    expect(JSON.stringify(body)).not.toContain(typo);
  });

  it("rejects a well-formed key that does not exist", async () => {
    const res = await call({ "x-api-key": generateKey("sk") });
    expect((await res.json()).error.code).toBe("invalid_api_key");
  });

  it("refuses two different keys in the two headers", async () => {
    const { project, ctx } = await aProject();
    const a = await aKey(ctx, project.id);
    const b = await aKey(ctx, project.id);
    const res = await call({ authorization: `Bearer ${a.secret}`, "x-api-key": b.secret });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("ambiguous_credentials");
  });

  it("accepts the same key in both headers", async () => {
    const { project, ctx } = await aProject();
    const a = await aKey(ctx, project.id);
    expect((await call({ authorization: `Bearer ${a.secret}`, "x-api-key": a.secret })).status).toBe(200);
  });

  it("answers a 10 KB Authorization header with 401 invalid_api_key", async () => {
    const res = await call({ authorization: `Bearer ${"a".repeat(10 * 1024)}` });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("invalid_api_key");
  });

  it("rejects a revoked key on the very next request", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id);
    expect((await call({ "x-api-key": secret })).status).toBe(200);
    await revokeKey(project.id, key.id, ctx);
    const res = await call({ "x-api-key": secret });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("key_revoked");
  });

  it("rejects an expired key with key_expired", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id);
    await db().apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await (await call({ "x-api-key": secret })).json()).error.code).toBe("key_expired");
  });

  it("ignores inbound headers that try to pose as an identity", async () => {
    const res = await call({ "x-latchkey-key-id": "k", "x-latchkey-role": "admin", "x-user-id": "u" });
    expect(res.status).toBe(401);
  });

  it("keeps a safe inbound request id and replaces an unsafe one", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id);
    expect((await call({ "x-api-key": secret, "x-request-id": "abc.DEF-1_2" })).headers.get("x-request-id")).toBe("abc.DEF-1_2");
    expect((await call({ "x-api-key": secret, "x-request-id": "<script>" })).headers.get("x-request-id")).toMatch(/^req_/);
  });
});
