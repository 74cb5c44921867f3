import { describe, expect, it } from "vitest";
import { passwordField, signUpSchema } from "./schemas";
import { personalWords } from "./password-strength";

const messages = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) => result.error?.issues.map((i) => i.message) ?? [];
const signUp = (password: string, person: { name?: string; email?: string } = {}) =>
  signUpSchema.safeParse({ name: person.name ?? "Ada Lovelace", email: person.email ?? "ada.lovelace@example.com", password, projectName: "Engine" });

describe("password strength (security review #13)", () => {
  it("refuses password, 12345678 and aaaaaaaa, saying why", () => {
    for (const weak of ["password", "12345678", "aaaaaaaa", "qwertyuiop", "Password1"]) {
      const result = passwordField.safeParse(weak);
      expect(result.success, weak).toBe(false);
      expect(messages(result).join(" ")).toMatch(/too easy to guess/);
    }
    expect(messages(passwordField.safeParse("password")).join(" ")).toMatch(/heavily used password/);
    expect(messages(passwordField.safeParse("aaaaaaaa")).join(" ")).toMatch(/Repeated characters/);
  });

  it("accepts the passphrases the test suites sign up with", () => {
    expect(passwordField.safeParse("correct horse battery staple").success).toBe(true);
    expect(passwordField.safeParse("correct horse battery").success).toBe(true);
    expect(passwordField.safeParse("orbit-velvet-quarry-42").success).toBe(true);
  });

  it("refuses a password that contains the e-mail, its local part or the person's name, in any case or spacing", () => {
    const person = { name: "Ada Lovelace", email: "ada.lovelace@example.com" };
    for (const personal of ["ada.lovelace@example.com!", "ADA.LOVELACE-orbit-velvet", "Ada Lovelace 1815 quarry", "quarry-lovelace-velvet-9", "adalovelace-quarry-9"]) {
      const result = signUp(personal, person);
      expect(result.success, personal).toBe(false);
      expect(messages(result)).toContain("Password must not contain your e-mail address or your name.");
      expect(result.error?.issues[0].path).toEqual(["password"]);
    }
    expect(signUp("orbit-velvet-quarry-42", person).success).toBe(true);
  });

  it("keeps the 8-character minimum and the 72-byte bcrypt limit, with one message each", () => {
    expect(messages(passwordField.safeParse("Zq9!x"))).toEqual(["Password must be at least 8 characters."]);
    expect(messages(passwordField.safeParse("é".repeat(37)))).toEqual(["Password must be at most 72 bytes."]);
    expect(passwordField.safeParse("é".repeat(20) + "orbit-velvet").success).toBe(true);
  });

  it("ignores name parts too short to mean anything", () => {
    const words = personalWords({ name: "Al Li", email: "x@example.com" });
    expect(words).not.toContain("al");
    expect(words).not.toContain("li");
    expect(words).not.toContain("x");
    expect(signUp("alpine-ledger-quarry-7", { name: "Al Li", email: "x@example.com" }).success).toBe(true);
  });
});
