import { describe, expect, it } from "vitest";
import { recordFailedSignIn, recordSuccessfulSignIn, signInBlockedFor } from "./sign-in-limits";

describe("sign-in limits", () => {
  it("blocks an e-mail after ten failed attempts, from any address", async () => {
    const email = "target@example.com";
    for (let i = 0; i < 10; i++) {
      expect(await signInBlockedFor(`192.0.2.${i}`, email)).toBe(0);
      await recordFailedSignIn(`192.0.2.${i}`, email);
    }
    expect(await signInBlockedFor("192.0.2.200", email)).toBeGreaterThan(0);
    expect(await signInBlockedFor("192.0.2.200", "someone-else@example.com")).toBe(0);
  });

  it("blocks an address after thirty failed attempts, whatever the e-mail", async () => {
    const ip = "198.51.100.9";
    for (let i = 0; i < 30; i++) await recordFailedSignIn(ip, `spray-${i}@example.com`);
    expect(await signInBlockedFor(ip, "fresh@example.com")).toBeGreaterThan(0);
    expect(await signInBlockedFor("198.51.100.10", "fresh@example.com")).toBe(0);
  });

  it("clears an e-mail's failures after a successful sign-in", async () => {
    const email = "forgetful@example.com";
    for (let i = 0; i < 9; i++) await recordFailedSignIn(`203.0.113.${i}`, email);
    await recordSuccessfulSignIn(email);
    await recordFailedSignIn("203.0.113.50", email);
    expect(await signInBlockedFor("203.0.113.51", email)).toBe(0);
  });
});
