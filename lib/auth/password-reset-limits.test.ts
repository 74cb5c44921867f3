import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits/policies";
import { takePasswordResetAttempt } from "./sign-in-limits";

const PASSWORD_RESETS_PER_EMAIL = LIMITS.passwordResetsPerEmail;
const PASSWORD_RESETS_PER_IP = LIMITS.passwordResetsPerAddress;

describe("password-reset request limits", () => {
  it("allows three requests per e-mail an hour, from any address", async () => {
    const email = "inbox@example.com";
    for (let i = 0; i < PASSWORD_RESETS_PER_EMAIL.points; i++) expect(await takePasswordResetAttempt(`192.0.2.${i}`, email)).toBe(0);
    expect(await takePasswordResetAttempt("192.0.2.99", email)).toBeGreaterThan(3000);
    expect(await takePasswordResetAttempt("192.0.2.99", "other@example.com")).toBe(0);
  });

  it("allows twenty requests per address an hour, and a refused address costs the e-mail nothing", async () => {
    const ip = "198.51.100.30";
    for (let i = 0; i < PASSWORD_RESETS_PER_IP.points; i++) expect(await takePasswordResetAttempt(ip, `spray-${i}@example.com`)).toBe(0);
    for (let i = 0; i < 5; i++) expect(await takePasswordResetAttempt(ip, "owner@example.com")).toBeGreaterThan(0);
    expect(await takePasswordResetAttempt("198.51.100.31", "owner@example.com")).toBe(0);
  });
});
