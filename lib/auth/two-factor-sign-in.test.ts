import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setClockOffsetForTests } from "@/lib/clock";
import { aProject } from "@/lib/testing/fixtures";
import { codeIn, enrol, pinClockToStepStart } from "@/lib/testing/two-factor";
import { authOptions } from "./options";
import { TWO_FACTOR_NEEDED, WRONG_SECOND_FACTOR } from "./two-factor-sign-in";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const PASSWORD = "correct horse battery"; // aProject's owner password

let moveClock: (steps: number) => void;
beforeEach(() => {
  moveClock = pinClockToStepStart();
});
afterEach(() => setClockOffsetForTests(0));

/** The outcome of one sign-in attempt: the user id, "refused" (wrong password), or the message shown. */
const attempt = (credentials: Record<string, string>, ip: string) =>
  authorize(credentials, { headers: { "x-forwarded-for": ip } }).then(
    (user) => user?.id ?? "refused",
    (error: Error) => error.message,
  );

async function anEnrolledOwner() {
  const { userId, email } = await aProject("Two Step Co");
  return { userId, email, ...(await enrol(userId)) };
}

describe("signing in with two-factor on", () => {
  it("does not sign in with the password alone: it asks for the code", async () => {
    const { email } = await anEnrolledOwner();
    expect(await attempt({ email, password: PASSWORD }, "192.0.2.90")).toBe(TWO_FACTOR_NEEDED);
    expect(await attempt({ email, password: PASSWORD, code: "" }, "192.0.2.90")).toBe(TWO_FACTOR_NEEDED);
    // A wrong password says nothing about two-factor.
    expect(await attempt({ email, password: "wrong", code: "123456" }, "192.0.2.90")).toBe("refused");
  });

  it("signs in with the password and a current code, and refuses that code the second time", async () => {
    const { userId, email, secret } = await anEnrolledOwner();
    const code = codeIn(secret, 1);
    expect(await attempt({ email, password: PASSWORD, code }, "192.0.2.91")).toBe(userId);
    expect(await attempt({ email, password: PASSWORD, code }, "192.0.2.91")).toBe(WRONG_SECOND_FACTOR);
    moveClock(2);
    expect(await attempt({ email, password: PASSWORD, code: codeIn(secret, 0) }, "192.0.2.91")).toBe(userId);
  });

  it("signs in once with a recovery code", async () => {
    const { userId, email, recoveryCodes } = await anEnrolledOwner();
    expect(await attempt({ email, password: PASSWORD, code: recoveryCodes[0] }, "192.0.2.92")).toBe(userId);
    expect(await attempt({ email, password: PASSWORD, code: recoveryCodes[0] }, "192.0.2.92")).toBe(WRONG_SECOND_FACTOR);
  });

  it("counts wrong codes against the sign-in limits exactly like wrong passwords", async () => {
    // Whatever the limiter's policy, a wrong code must cost what a wrong password costs.
    const triesUntilRefused = async (credentials: (i: number) => Record<string, string>, ip: string) => {
      for (let i = 0; i < 60; i++) if (/Too many sign-in attempts/.test(await attempt(credentials(i), ip))) return i;
      return Infinity;
    };
    const other = await aProject("Password Only");
    const byPassword = await triesUntilRefused((i) => ({ email: other.email, password: `guess ${i}` }), "192.0.2.120");
    const { email, secret } = await anEnrolledOwner();
    const byCode = await triesUntilRefused((i) => ({ email, password: PASSWORD, code: String(100000 + i) }), "192.0.2.121");
    expect(byPassword).toBeLessThan(60);
    expect(byCode).toBe(byPassword);
    expect(await attempt({ email, password: PASSWORD, code: codeIn(secret, 1) }, "192.0.2.121")).toMatch(/Too many sign-in attempts/);
  });

  it("stops guessing one account's code from many addresses after 10 wrong codes (red-team finding)", async () => {
    const { userId, email, secret } = await anEnrolledOwner();
    const answers: string[] = [];
    // A new address for every guess: the per-address limits never bite.
    for (let i = 0; i < 12; i++) answers.push(await attempt({ email, password: PASSWORD, code: String(200000 + i) }, `198.18.${i}.7`));
    expect(answers.slice(0, 10).every((a) => a === WRONG_SECOND_FACTOR)).toBe(true);
    expect(answers.slice(10)).toEqual([expect.stringMatching(/^Too many wrong codes\. Try again in \d+ minutes\.$/), expect.stringMatching(/^Too many wrong codes/)]);
    // Even the right code waits: the count is the account's, not the guesser's.
    expect(await attempt({ email, password: PASSWORD, code: codeIn(secret, 1) }, "198.18.99.7")).toMatch(/^Too many wrong codes/);
    expect(userId).toBeTruthy();
  });

  it("signs in a user without two-factor with the password alone, as before", async () => {
    const { userId, email } = await aProject();
    expect(await attempt({ email, password: PASSWORD }, "192.0.2.93")).toBe(userId);
  });
});
