import { describe, expect, it } from "vitest";
import { inviteToken, invitationIdOf, tokenMatches, type SignedFields } from "./token";

const fields: SignedFields = { id: "cmabc123invitation0000001", email: "newhire@corp.test", role: "admin", expiresAt: new Date("2026-12-03T08:00:00.000Z"), tokenNonce: "nonce-one" };

describe("invite link tokens", () => {
  it("verify for exactly the fields they were signed over", () => {
    const token = inviteToken(fields);
    expect(token).toMatch(/^cmabc123invitation0000001\.[A-Za-z0-9_-]{43}$/);
    expect(invitationIdOf(token)).toBe(fields.id);
    expect(tokenMatches(token, fields)).toBe(true);
  });

  it.each([
    ["another e-mail", { email: "someone@else.test" }],
    ["another role", { role: "owner" }],
    ["another expiry", { expiresAt: new Date("2027-01-01T00:00:00.000Z") }],
    ["another nonce (resent)", { tokenNonce: "nonce-two" }],
    ["another invitation", { id: "cmabc123invitation0000002" }],
  ])("fail against %s", (_, change) => {
    expect(tokenMatches(inviteToken(fields), { ...fields, ...change })).toBe(false);
  });

  it("fail when signed with another secret, altered, truncated or malformed", () => {
    const token = inviteToken(fields);
    expect(tokenMatches(inviteToken(fields, "x".repeat(64)), fields)).toBe(false);
    const last = token.at(-2) === "A" ? "B" : "A";
    expect(tokenMatches(`${token.slice(0, -2)}${last}${token.at(-1)}`, fields)).toBe(false);
    for (const bad of [token.slice(0, -1), `${token}A`, fields.id, `${fields.id}.`, "", `../${token}`, `${token}\u0000`, token.replace(".", "%2E")]) {
      expect(tokenMatches(bad, fields), bad).toBe(false);
    }
    expect(invitationIdOf("not a token")).toBeNull();
  });

  it("refuse to sign without a LATCHKEY_SECRET of 32 characters", () => {
    expect(() => inviteToken(fields, "short")).toThrow(/LATCHKEY_SECRET/);
  });
});
