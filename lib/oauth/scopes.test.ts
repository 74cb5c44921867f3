import { describe, expect, it } from "vitest";
import { can, CUSTOM_RESOURCES } from "@/lib/permissions";
import { heldScopes, parseScope, scopePermissions, SCOPES, scopesBeyond } from "./scopes";

describe("OAuth scopes are permissions", () => {
  it("cover each data resource's read and write, and never the admin API", () => {
    expect(SCOPES).toContain("campaigns:write");
    expect(SCOPES).toContain("users:read");
    expect(SCOPES.some((s) => /^(keys|members|audit_log|oauth_clients):/.test(s))).toBe(false);
    expect(new Set(SCOPES.map((s) => s.split(":")[0]))).toEqual(new Set(CUSTOM_RESOURCES));
  });

  it("parse a space-separated list, sorted and without repeats, and name unknown ones", () => {
    expect(parseScope("users:read  campaigns:write users:read")).toEqual({ ok: true, scopes: ["campaigns:write", "users:read"] });
    expect(parseScope("users:read keys:write campaigns:admin")).toEqual({ ok: false, unknown: ["keys:write", "campaigns:admin"] });
  });

  it("become a custom permission set checked by the one can()", () => {
    const permissions = scopePermissions("campaigns:read campaigns:write users:read");
    expect(permissions).toEqual({ campaigns: "read_write", users: "read" });
    expect(can("custom", { resource: "campaigns", action: "delete" }, permissions).allowed).toBe(true);
    expect(can("custom", { resource: "users", action: "create" }, permissions).allowed).toBe(false);
    expect(can("custom", { resource: "keys", action: "read" }, scopePermissions("keys:read")).allowed).toBe(false);
  });

  it("held by a key are what its role allows: a support key holds reads and client writes, not campaign writes", () => {
    const support = heldScopes({ role: "support", permissions: null });
    expect(support).toContain("campaigns:read");
    expect(support).not.toContain("campaigns:write");
    // users:write needs delete too (admin), so a support key cannot hand it out.
    expect(support).not.toContain("users:write");
    expect(heldScopes({ role: "admin", permissions: null })).toEqual(SCOPES);
    expect(scopesBeyond(["campaigns:read", "campaigns:write"], support)).toEqual(["campaigns:write"]);
  });
});
