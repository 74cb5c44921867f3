import { describe, expect, it } from "vitest";
import { can, hasMemberRole, rolesFor } from "./permissions";

describe("permissions", () => {
  it("lets a client write users but not read them", () => {
    expect(can("client", { resource: "users", action: "create" }).allowed).toBe(true);
    expect(can("client", { resource: "users", action: "read" }).allowed).toBe(false);
  });

  it("names the permission needed and the key's role when it denies", () => {
    const check = can("support", { resource: "campaigns", action: "create" });
    expect(check).toEqual({
      allowed: false,
      message: 'This key\'s role "support" cannot write campaigns (needs editor or admin).',
    });
  });

  it("keeps providers and deletes of users for admins", () => {
    expect(can("editor", { resource: "providers", action: "read" }).allowed).toBe(false);
    expect(can("editor", { resource: "users", action: "delete" }).allowed).toBe(false);
    expect(can("admin", { resource: "users", action: "delete" }).allowed).toBe(true);
  });

  it("denies an unknown role even for 'any'", () => {
    expect(can("root", "any").allowed).toBe(false);
    expect(can("client", "any").allowed).toBe(true);
  });

  it("gives publishable keys only the client role", () => {
    expect(rolesFor("pk")).toEqual(["client"]);
    expect(rolesFor("sk")).toEqual(["support", "editor", "admin"]);
  });

  it("orders member roles viewer < admin < owner", () => {
    expect(hasMemberRole("owner", "admin")).toBe(true);
    expect(hasMemberRole("viewer", "admin")).toBe(false);
    expect(hasMemberRole("nobody", "viewer")).toBe(false);
  });
});
