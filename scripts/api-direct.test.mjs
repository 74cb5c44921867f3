import { describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { apiFastPath, findRoute, routeTable } from "./api-direct.mjs";

// The app's own route files, named as Next.js's app-paths manifest names them (`/api/v1/me/route`).
const APP = fileURLToPath(new URL("../app", import.meta.url));
const manifest = Object.fromEntries(
  fs
    .readdirSync(APP, { recursive: true })
    .filter((file) => /(^|\/)route\.ts$/.test(file))
    .map((file) => {
      const page = `/${file.replace(/\.ts$/, "")}`;
      return [page, `app${page}.js`];
    }),
);
const table = routeTable(manifest);
const pageOf = (target) => findRoute(table, target)?.route.page ?? null;

describe("the API's fast path: which routes it serves", () => {
  it("serves /api/health and every /api/v1 route, and nothing else (sign-in, the test clock, the dashboard, /api's own 404)", () => {
    const pages = table.map((route) => route.page);
    expect(pages).toContain("/api/health");
    expect(pages).toContain("/api/v1/me");
    expect(pages).toContain("/api/v1/[...path]");
    const v1 = Object.keys(manifest).filter((page) => page.startsWith("/api/v1/"));
    expect(pages).toHaveLength(v1.length + 1);
    for (const page of pages) expect(page === "/api/health" || page.startsWith("/api/v1/")).toBe(true);
    expect(pageOf("/api/auth/session")).toBeNull();
    expect(pageOf("/api/test/clock")).toBeNull();
    expect(pageOf("/api/nope")).toBeNull();
    expect(pageOf("/p/shop/settings/audit-log/export")).toBeNull();
  });

  it("matches as Next.js does: a static segment before a [param], a [param] before a [...catchAll]", () => {
    expect(pageOf("/api/v1/oauth/register")).toBe("/api/v1/oauth/register");
    expect(pageOf("/api/v1/oauth/register/client_1")).toBe("/api/v1/oauth/register/[clientId]");
    expect(pageOf("/api/v1/channels/ch_1")).toBe("/api/v1/channels/[id]");
    expect(pageOf("/api/v1/admin/keys/k_1/revoke")).toBe("/api/v1/admin/keys/[id]/revoke");
    expect(pageOf("/api/v1/channels/ch_1/more")).toBe("/api/v1/[...path]");
    expect(pageOf("/api/v1/nope")).toBe("/api/v1/[...path]");
    expect(pageOf("/api/v1/openapi.json")).toBe("/api/v1/openapi.json");
  });

  it("passes parameters by name, the catch-all as its segments, and ignores the query", () => {
    expect(findRoute(table, "/api/v1/admin/keys/k_1/rotate?x=1")?.params).toEqual({ id: "k_1" });
    expect(findRoute(table, "/api/v1/a/b")?.params).toEqual({ path: ["a", "b"] });
    expect(pageOf("/api/v1/me?api_key=x")).toBe("/api/v1/me");
  });

  it("leaves to Next.js what it would normalise or decode: trailing and doubled slashes, dot segments, percent-encoding, absolute-form targets", () => {
    for (const target of [
      "/api/v1/me/",
      "/api/v1//me",
      "/api/v1/./me",
      "/api/v1/channels/../me",
      "/api/v1/channels/a%2Fb",
      "http://localhost/api/v1/me",
      "/api/health/",
      "/api/v1",
      "/api/v1/",
      "/api/v1/me#frag",
      "/api/v1/channels\\..\\me",
      "/api/v1/channels/a b",
      "/api/v1/channels/ä",
    ]) {
      expect(pageOf(target), target).toBeNull();
    }
  });
});

describe("the API's fast path: a handler that throws past its wrapper", () => {
  // A build of two routes whose handlers throw: one an Error whose message holds a secret (as an
  // ORM's message repeats its arguments), one a value whose `stack` is not text.
  function fakeBuild() {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-fast-path-"));
    const routes = {
      "/api/v1/leaky/route": `throw new Error("Invalid invocation:\\n  where: { hash: 'lk_sk_LEAKEDLEAKEDLEAKED' }")`,
      "/api/v1/odd/route": "throw { name: 42, stack: 42 }",
    };
    fs.mkdirSync(path.join(dist, "server/app/api/v1"), { recursive: true });
    fs.writeFileSync(path.join(dist, "server/app-paths-manifest.json"), JSON.stringify(Object.fromEntries(Object.keys(routes).map((page) => [page, `app${page}.cjs`]))));
    for (const [page, body] of Object.entries(routes)) {
      fs.mkdirSync(path.dirname(path.join(dist, `server/app${page}.cjs`)), { recursive: true });
      fs.writeFileSync(path.join(dist, `server/app${page}.cjs`), `module.exports = { routeModule: { userland: { GET: async () => { ${body} } } } };`);
    }
    return dist;
  }

  it("answers 500 in the envelope with a request id, logs that id and the frames but never the message, and keeps serving", async () => {
    const dist = fakeBuild();
    const serve = await apiFastPath(dist);
    const server = createServer((req, res) => {
      if (!serve(req, res)) res.writeHead(404).end();
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${server.address().port}`;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const route of ["leaky", "odd", "leaky"]) {
        const res = await fetch(`${base}/api/v1/${route}`, { headers: { "x-request-id": `trace-${route}` } });
        expect(res.status).toBe(500);
        expect(await res.json()).toEqual({ error: { code: "internal", message: expect.stringContaining("Quote the request id") }, requestId: `trace-${route}` });
        expect(res.headers.get("x-request-id")).toBe(`trace-${route}`);
      }
      const lines = logged.mock.calls.map((call) => call.join(" "));
      expect(lines).toHaveLength(3);
      expect(lines[0]).toContain("[trace-leaky]");
      expect(lines[0]).toContain("/api/v1/leaky");
      expect(lines.join("\n")).not.toContain("LEAKED");
      expect(lines.join("\n")).not.toContain("Invalid invocation");
    } finally {
      logged.mockRestore();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
