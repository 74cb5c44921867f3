import { describe, expect, it } from "vitest";
import { PER_EMAIL, PER_IP, recordSuccessfulSignIn, takeSignInAttempt } from "./sign-in-limits";

describe("sign-in limits", () => {
  it("blocks an e-mail after ten attempts, from any address", async () => {
    const email = "target@example.com";
    for (let i = 0; i < PER_EMAIL.points; i++) expect(await takeSignInAttempt(`192.0.2.${i}`, email)).toBe(0);
    expect(await takeSignInAttempt("192.0.2.200", email)).toBeGreaterThan(0);
    expect(await takeSignInAttempt("192.0.2.201", "someone-else@example.com")).toBe(0);
  });

  it("blocks an address after thirty attempts, whatever the e-mail", async () => {
    const ip = "198.51.100.9";
    for (let i = 0; i < PER_IP.points; i++) expect(await takeSignInAttempt(ip, `spray-${i}@example.com`)).toBe(0);
    expect(await takeSignInAttempt(ip, "fresh@example.com")).toBeGreaterThan(0);
    expect(await takeSignInAttempt("198.51.100.10", "fresh2@example.com")).toBe(0);
  });

  it("counts parallel attempts before any of them finishes", async () => {
    const email = "burst@example.com";
    const waits = await Promise.all(Array.from({ length: 25 }, (_, i) => takeSignInAttempt(`203.0.113.${i}`, email)));
    expect(waits.filter((w) => w === 0)).toHaveLength(PER_EMAIL.points);
  });

  it("clears an e-mail's count after a successful sign-in", async () => {
    const email = "forgetful@example.com";
    for (let i = 0; i < PER_EMAIL.points - 1; i++) await takeSignInAttempt(`203.0.114.${i}`, email);
    await recordSuccessfulSignIn("203.0.114.1", email);
    for (let i = 0; i < PER_EMAIL.points; i++) expect(await takeSignInAttempt("203.0.114.99", email)).toBe(0);
  });
});

describe("sign-up limits", () => {
  it("allows ten sign-ups per address per hour", async () => {
    const { SIGN_UPS_PER_IP, takeSignUpAttempt } = await import("./sign-in-limits");
    for (let i = 0; i < SIGN_UPS_PER_IP.points; i++) expect(await takeSignUpAttempt("192.0.2.60")).toBe(0);
    expect(await takeSignUpAttempt("192.0.2.60")).toBeGreaterThan(0);
    expect(await takeSignUpAttempt("192.0.2.61")).toBe(0);
  });
});
