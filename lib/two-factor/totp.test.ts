import { describe, expect, it } from "vitest";
import { newTotpSecret, stepOfCode, totpCode, totpUri } from "./totp";
import { hashRecoveryCode, isRecoveryShaped, newRecoveryCodes } from "./recovery-codes";

const T0 = new Date("2026-11-26T12:00:10Z"); // 10 s into a 30-second step
const STEP = 30_000;
const at = (steps: number) => new Date(T0.getTime() + steps * STEP);

describe("TOTP codes (RFC 6238: SHA-1, 6 digits, 30 s)", () => {
  it("matches the RFC 6238 test vector for SHA-1", () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits); 6 digits → 287082.
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpCode(secret, new Date(59_000))).toBe("287082");
    expect(stepOfCode(secret, "287082", new Date(59_000))).toBe(1);
  });

  it("accepts the current code and names its time step; refuses a wrong or malformed one", () => {
    const secret = newTotpSecret();
    const step = Math.floor(T0.getTime() / STEP);
    expect(stepOfCode(secret, totpCode(secret, T0), T0)).toBe(step);
    expect(stepOfCode(secret, totpCode(secret, T0).replace(/^(\d{3})/, "$1 "), T0)).toBe(step);
    const wrong = String((Number(totpCode(secret, T0)) + 1) % 1_000_000).padStart(6, "0");
    expect(stepOfCode(secret, wrong, T0)).toBeNull();
    for (const bad of ["", "12345", "1234567", "abcdef", "12345a"]) expect(stepOfCode(secret, bad, T0)).toBeNull();
    expect(stepOfCode(newTotpSecret(), totpCode(secret, T0), T0)).toBeNull();
  });

  it("allows one step of clock drift either way, and no more", () => {
    const secret = newTotpSecret();
    expect(stepOfCode(secret, totpCode(secret, at(-1)), T0)).toBe(Math.floor(T0.getTime() / STEP) - 1);
    expect(stepOfCode(secret, totpCode(secret, at(1)), T0)).toBe(Math.floor(T0.getTime() / STEP) + 1);
    expect(stepOfCode(secret, totpCode(secret, at(-2)), T0)).toBeNull();
    expect(stepOfCode(secret, totpCode(secret, at(2)), T0)).toBeNull();
  });

  it("puts issuer, account, algorithm, digits and period in the enrolment URI", () => {
    const uri = new URL(totpUri("JBSWY3DPEHPK3PXP", "ada@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Latchkey:ada@example.com");
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: "JBSWY3DPEHPK3PXP", issuer: "Latchkey", algorithm: "SHA1", digits: "6", period: "30" });
  });
});

describe("recovery codes", () => {
  it("are ten distinct random codes in two groups of five, hashed the same however they are typed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);
      expect(isRecoveryShaped(code)).toBe(true);
    }
    expect(hashRecoveryCode(codes[0])).toBe(hashRecoveryCode(` ${codes[0].toUpperCase().replace("-", " ")} `));
    expect(hashRecoveryCode(codes[0])).not.toBe(hashRecoveryCode(codes[1]));
    expect(hashRecoveryCode(codes[0])).not.toContain(codes[0].replace("-", ""));
    expect(isRecoveryShaped("123456")).toBe(false);
  });
});
