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

describe("the custom role", () => {
  const custom = { campaigns: "read_write", users: "read", events: "write" } as const;

  it("allows exactly the levels it was given", () => {
    expect(can("custom", { resource: "campaigns", action: "create" }, custom).allowed).toBe(true);
    expect(can("custom", { resource: "campaigns", action: "read" }, custom).allowed).toBe(true);
    expect(can("custom", { resource: "users", action: "read" }, custom).allowed).toBe(true);
    expect(can("custom", { resource: "users", action: "update" }, custom).allowed).toBe(false);
    expect(can("custom", { resource: "events", action: "create" }, custom).allowed).toBe(true);
    expect(can("custom", { resource: "events", action: "read" }, custom).allowed).toBe(false);
    expect(can("custom", { resource: "templates", action: "read" }, custom).allowed).toBe(false);
  });

  it("never reaches the admin API, whatever it was given", () => {
    expect(can("custom", { resource: "keys", action: "read" }, { keys: "read_write" } as never).allowed).toBe(false);
  });

  it("names the resource and the level it had when it denies", () => {
    expect(can("custom", { resource: "users", action: "delete" }, custom)).toEqual({
      allowed: false,
      message: 'This key\'s role "custom" cannot write users (its permission for it is "read").',
    });
  });

  it("denies everything without stored permissions", () => {
    expect(can("custom", { resource: "campaigns", action: "read" }, null).allowed).toBe(false);
  });
});
