import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { findRoute, routeTable } from "./api-direct.mjs";

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
    for (const target of ["/api/v1/me/", "/api/v1//me", "/api/v1/./me", "/api/v1/channels/../me", "/api/v1/channels/a%2Fb", "http://localhost/api/v1/me", "/api/health/", "/api/v1", "/api/v1/"]) {
      expect(pageOf(target), target).toBeNull();
    }
  });
});
