import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { request as httpRequest } from "node:http";
import net from "node:net";
// @ts-expect-error plain ESM script without types
import { buildIfNeeded } from "../../scripts/start.mjs";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { startServer, stopServers } from "@/lib/testing/production-server";

// SPEC §17: the production server answers /api/health and /api/v1/** from the route handlers
// directly (scripts/api-direct.mjs), not through Next.js. Here the same requests go to a server
// with that fast path and to one with LATCHKEY_API_THROUGH_NEXT=1, on one database: every answer
// must be the same (status, the headers a client reads, the body), and the fast path must really
// be taken (Next.js adds a `Vary: rsc, …` header to every route it serves; the fast path does not).
// A *.server-test.ts file: `npm run test:services` runs it after its build.

let direct = "";
let throughNext = "";

beforeAll(async () => {
  buildIfNeeded();
  const [a, b] = await Promise.all([startServer({}, { stderr: "pipe" }), startServer({ LATCHKEY_API_THROUGH_NEXT: "1" }, { stderr: "pipe" })]);
  [direct, throughNext] = [a.base, b.base];
}, 600_000);

afterAll(stopServers);

type Answer = { status: number; headers: Record<string, string>; body: string };

/** One raw HTTP/1.1 request (fetch would normalise the target and refuse some methods). */
function send(base: string, method: string, target: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const text = res.headers["content-encoding"] === "gzip" ? gunzipSync(raw).toString() : raw.toString();
        resolve({ status: res.statusCode!, headers: res.headers as Record<string, string>, body: text });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** What a client reads of an answer: status, its meaningful headers, the body with request ids and generated ids masked. */
function comparable({ status, headers, body }: Answer) {
  const kept = ["content-type", "cache-control", "x-content-type-options", "www-authenticate", "allow", "content-encoding", "content-length", "transfer-encoding", "retry-after", "location"];
  const named = Object.fromEntries(kept.filter((name) => headers[name] !== undefined).map((name) => [name, headers[name]]));
  const rateLimit = Object.keys(headers)
    .filter((name) => name.startsWith("ratelimit"))
    .sort();
  return {
    status,
    headers: named,
    rateLimit,
    requestId: headers["x-request-id"] ? "present" : "absent",
    body: body.replace(/req_[0-9a-f]{32}/g, "req_…").replace(/"(id|createdAt|updatedAt)":"[^"]*"/g, '"$1":"…"'),
  };
}

describe("the API's fast path answers exactly as Next.js does", () => {
  it("for health, keyed and refused calls, every method, bodies good and bad, unknown routes and compression, and takes the fast path for them", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "admin", { name: "Parity" });
    const auth = { authorization: `Bearer ${secret}` };
    const json = { ...auth, "content-type": "application/json" };
    const cases: { method: string; target: string; headers?: Record<string, string>; body?: (server: string) => string | Buffer }[] = [
      { method: "GET", target: "/api/health" },
      { method: "HEAD", target: "/api/health" },
      { method: "POST", target: "/api/health" },
      { method: "GET", target: "/api/health?verbose=1" },
      { method: "GET", target: "/api/v1/me" },
      { method: "GET", target: "/api/v1/me", headers: { authorization: "Bearer lk_sk_nope" } },
      { method: "GET", target: "/api/v1/me", headers: auth },
      { method: "GET", target: "/api/v1/me", headers: { ...auth, "x-request-id": "trace-42" } },
      { method: "HEAD", target: "/api/v1/me", headers: auth },
      { method: "OPTIONS", target: "/api/v1/me" },
      { method: "DELETE", target: "/api/v1/me", headers: auth },
      { method: "GET", target: "/api/v1/me?unknown=1", headers: auth },
      { method: "GET", target: "/api/v1/nope", headers: auth },
      { method: "GET", target: "/api/v1/channels/ch_missing", headers: auth },
      { method: "GET", target: "/api/v1/channels?limit=abc", headers: auth },
      { method: "POST", target: "/api/v1/channels", headers: json, body: () => "{" },
      { method: "POST", target: "/api/v1/channels", headers: json, body: () => JSON.stringify({ name: 7 }) },
      { method: "POST", target: "/api/v1/channels", headers: json, body: () => Buffer.alloc(1024 * 1024 + 1, 32) },
      { method: "POST", target: "/api/v1/channels", headers: json, body: (server) => JSON.stringify({ name: "Parity", slug: `parity-${server === direct ? "a" : "b"}` }) },
      { method: "GET", target: "/api/v1/openapi.json", headers: { "accept-encoding": "gzip" } },
      { method: "GET", target: "/api/v1/me", headers: { ...auth, "accept-encoding": "gzip" } },
      { method: "HEAD", target: "/api/v1/me", headers: { ...auth, "accept-encoding": "gzip" } },
      { method: "GET", target: "/api/v1/me#frag", headers: auth },
      { method: "GET", target: "/api/v1/me/", headers: auth },
      { method: "GET", target: "/api/v1/channels/a%20b", headers: auth },
    ];
    for (const { method, target, headers = {}, body } of cases) {
      const [a, b] = [await send(direct, method, target, headers, body?.(direct)), await send(throughNext, method, target, headers, body?.(throughNext))];
      const label = `${method} ${target}`;
      const [ca, cb] = [comparable(a), comparable(b)];
      // The one answer that differs by design: the channel each server created has its own slug.
      expect(ca, label).toEqual(a.status === 201 ? { ...cb, body: cb.body.replace("parity-b", "parity-a") } : cb);
      if (b.status === 308) continue; // a redirect (the trailing slash) carries no route's headers
      // Next.js marks every route it served with `Vary: rsc, …`; the fast path serves all of these but the trailing slash, the fragment and the encoded segment.
      const servedByNext = (answer: Answer) => answer.headers.vary?.includes("rsc") ?? false;
      expect(servedByNext(b), `${label}: the comparison server is Next.js`).toBe(true);
      expect(servedByNext(a), `${label}: served by Next.js`).toBe(/[%#]/.test(target));
    }
  });

  it("keeps the boundary refusals in front of it: a repeated credential header, TRACE", async () => {
    const { port } = new URL(direct);
    const raw = (head: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), "127.0.0.1", () => socket.end(head));
        let text = "";
        socket.on("data", (chunk) => (text += chunk.toString()));
        socket.on("end", () => resolve(text));
        socket.on("error", reject);
      });
    const twice = await raw("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer lk_sk_a\r\nAuthorization: Bearer lk_sk_b\r\nConnection: close\r\n\r\n");
    expect(twice).toMatch(/^HTTP\/1\.1 400 /);
    expect(twice).toContain('"code":"ambiguous_credentials"');
    expect((await send(direct, "TRACE", "/api/v1/me")).status).toBe(405);
  });

  it("sees the address the server trusts, never a client-sent X-Forwarded-For", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "editor", { name: "Spoofer" });
    await db().apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    const refused = await send(direct, "GET", "/api/v1/me", { authorization: `Bearer ${secret}`, "x-forwarded-for": "6.6.6.6" });
    expect(refused.status).toBe(401);
    const denied = await db().auditEntry.findFirst({ where: { projectId: project.id, action: "api.denied" } });
    expect(denied?.ip).toBe("127.0.0.1");
  });

  it("answers a body over the limit with 413 and keeps the connection usable", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "admin");
    const agent = new (await import("node:http")).Agent({ keepAlive: true, maxSockets: 1 });
    const { hostname, port } = new URL(direct);
    const post = (body: Buffer) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: hostname, port, method: "POST", path: "/api/v1/channels", agent, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" } },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode!));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    for (let i = 0; i < 3; i++) expect(await post(Buffer.alloc(2 * 1024 * 1024, 32))).toBe(413);
    expect(await post(Buffer.from(JSON.stringify({ name: "After", slug: "after-413" })))).toBe(201);
    agent.destroy();
  });
});
