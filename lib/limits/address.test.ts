import { describe, expect, it } from "vitest";
import { addressKey } from "./address";

describe("addressKey", () => {
  it("keeps an IPv4 address (also when mapped into IPv6) as it is", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts an IPv6 address by its /64, however it is written", () => {
    const key = addressKey("2001:db8:0:1::1");
    expect(key).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:0db8:0000:0001:ffff:ffff:ffff:ffff")).toBe(key);
    expect(addressKey("2001:db8:0:2::1")).not.toBe(key);
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it('keeps anything else (e.g. "unknown") as one key of at most 64 characters', () => {
    expect(addressKey("unknown")).toBe("unknown");
    expect(addressKey("x".repeat(500))).toHaveLength(64);
  });
});
