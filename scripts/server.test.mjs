import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES } from "./body-limits.mjs";
import { actionBodyTooLarge, trustedClientAddress } from "./server.mjs";

describe("the client address the server trusts", () => {
  it("ignores a client-sent X-Forwarded-For when no proxy is trusted", () => {
    expect(trustedClientAddress("6.6.6.6", "203.0.113.5", 0)).toBe("203.0.113.5");
    expect(trustedClientAddress(undefined, "203.0.113.5", 0)).toBe("203.0.113.5");
  });

  it("takes the address the trusted proxy saw, not what the client prepended", () => {
    // nginx appends the peer it saw; the socket peer is nginx itself.
    expect(trustedClientAddress("6.6.6.6, 198.51.100.20", "10.0.0.2", 1)).toBe("198.51.100.20");
    expect(trustedClientAddress("198.51.100.20, 10.0.0.3", "10.0.0.2", 2)).toBe("198.51.100.20");
  });

  it("falls back to the leftmost entry when fewer hops arrived than configured", () => {
    expect(trustedClientAddress("", "10.0.0.2", 3)).toBe("10.0.0.2");
  });
});

describe("server action bodies", () => {
  it("refuses a server action whose declared body is over the limit, and nothing else", () => {
    const action = { "next-action": "7f00aa", "content-length": String(2 * 1024 * 1024) };
    expect(actionBodyTooLarge("POST", action)).toBe(true);
    expect(actionBodyTooLarge("POST", { ...action, "content-length": String(ACTION_BODY_LIMIT_BYTES) })).toBe(false);
    expect(actionBodyTooLarge("POST", { "content-length": String(2 * 1024 * 1024) })).toBe(false);
    expect(actionBodyTooLarge("GET", action)).toBe(false);
  });
});
