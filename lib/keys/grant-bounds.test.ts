import { describe, expect, it } from "vitest";
import { grantExcess, heldExcess, type KeyGrant } from "./grant-bounds";

const key = (over: Partial<KeyGrant> = {}): KeyGrant => ({ role: "admin", permissions: null, scope: "all", channels: [], rateLimit: null, ...over });

describe("a key never grants more than it holds", () => {
  it("roles: at most the holder's, in the order of the role table", () => {
    expect(grantExcess(key(), key({ role: "admin" }))).toBeNull();
    expect(grantExcess(key({ role: "editor" }), key({ role: "support" }))).toBeNull();
    expect(grantExcess(key({ role: "editor" }), key({ role: "editor" }))).toBeNull();
    expect(grantExcess(key({ role: "editor" }), key({ role: "admin" }))).toMatchObject({ code: "insufficient_permissions", message: expect.stringContaining('the role "admin"') });
    expect(grantExcess(key({ role: "client" }), key({ role: "support" }))?.message).toMatch(/could read users, which this key cannot/);
  });

  it("custom levels: within what the holder's role or levels allow", () => {
    const custom = (permissions: KeyGrant["permissions"]) => key({ role: "custom", permissions });
    expect(grantExcess(key(), custom({ providers: "read_write" }))).toBeNull();
    expect(grantExcess(key({ role: "editor" }), custom({ campaigns: "read_write", users: "read" }))).toBeNull();
    expect(grantExcess(key({ role: "editor" }), custom({ providers: "read" }))?.message).toMatch(/read providers/);
    expect(grantExcess(custom({ campaigns: "read_write" }), custom({ campaigns: "read" }))).toBeNull();
    expect(grantExcess(custom({ campaigns: "read" }), custom({ campaigns: "write" }))?.code).toBe("insufficient_permissions");
    expect(grantExcess(custom({ campaigns: "read_write" }), key({ role: "support" }))?.code).toBe("insufficient_permissions");
  });

  it("channels: a channel-scoped holder grants only channels within its own", () => {
    const scoped = key({ scope: "channels", channels: ["a", "b"] });
    expect(grantExcess(scoped, key({ scope: "channels", channels: ["a"] }))).toBeNull();
    expect(grantExcess(scoped, key({ scope: "channels", channels: ["a", "b"] }))).toBeNull();
    expect(grantExcess(scoped, key({ scope: "all" }))).toEqual({ code: "scope_violation", message: "This key is scoped to a, b; it cannot grant all recipients." });
    expect(grantExcess(scoped, key({ scope: "channels", channels: ["b", "c", "c"] }))).toEqual({ code: "scope_violation", message: "This key is scoped to a, b; it cannot grant c." });
    expect(grantExcess(key(), key({ scope: "channels", channels: ["z"] }))).toBeNull();
  });

  it("rate limits: a limited holder grants no looser limit, and never none", () => {
    const limited = key({ rateLimit: 100 });
    expect(grantExcess(limited, key({ rateLimit: 100 }))).toBeNull();
    expect(grantExcess(limited, key({ rateLimit: 1 }))).toBeNull();
    expect(grantExcess(limited, key({ rateLimit: 101 }))?.message).toBe("This key is limited to 100 requests per minute, so it can grant at most 100 requests per minute, not 101.");
    expect(grantExcess(limited, key({ rateLimit: null }))?.message).toMatch(/not unlimited\.$/);
    expect(grantExcess(key(), key({ rateLimit: 5 }))).toBeNull();
  });
});

describe("a key never touches a key that holds more than it does", () => {
  it("says what the target holds beyond the caller, with the codes grantExcess gives; a key is within itself", () => {
    const scoped = key({ scope: "channels", channels: ["news"], rateLimit: 5 });
    expect(heldExcess(scoped, { ...scoped, name: "Itself" })).toBeNull();
    expect(heldExcess(scoped, { ...key(), name: "Full" })).toEqual({
      code: "scope_violation",
      message: 'The key "Full" holds more than this key: it reaches all recipients, and this key is scoped to news. A key can edit, revoke or delete only keys within what it holds.',
    });
    expect(heldExcess(scoped, { ...key({ scope: "channels", channels: ["news", "promo"], rateLimit: 5 }), name: "Wide" })?.message).toMatch(/it reaches promo, outside this key's channels \(news\)/);
    expect(heldExcess(scoped, { ...key({ scope: "channels", channels: ["news"], rateLimit: 6 }), name: "Faster" })?.code).toBe("insufficient_permissions");
    expect(heldExcess(key({ role: "editor" }), { ...key({ role: "admin" }), name: "Admin" })?.message).toMatch(/"Admin" holds more than this key: it can \w+ [a-z ]+, which this key cannot/);
  });
});
