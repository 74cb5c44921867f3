import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { now, setClockOffsetForTests } from "@/lib/clock";
import { aProject, refusal } from "@/lib/testing/fixtures";
import { codeIn, enrol, pinClockToStepStart } from "@/lib/testing/two-factor";
import { totpCode } from "./totp";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes, twoFactorStatus, verifySecondFactor } from "./service";

const stored = (id: string) => db().user.findUniqueOrThrow({ where: { id }, select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true } });

let moveClock: (steps: number) => void;
beforeEach(() => {
  moveClock = pinClockToStepStart();
});
afterEach(() => setClockOffsetForTests(0));

/** A user with two-factor on, and the secret their app holds. */
async function anEnrolledUser() {
  const { userId, email } = await aProject("Two Factor Co");
  return { userId, email, ...(await enrol(userId)) };
}

describe("TOTP enrolment", () => {
  it("keeps the secret sealed at rest and turns two-factor on only after a current code", async () => {
    const { userId } = await aProject();
    const { secret, uri } = await beginEnrolment(userId);
    expect(uri).toContain(`secret=${secret}`);
    const pending = await stored(userId);
    expect(pending.totpSecret).toMatch(/^v1\./);
    expect(pending.totpSecret).not.toContain(secret);
    expect(pending.totpEnabledAt).toBeNull();
    expect(await verifySecondFactor(userId, totpCode(secret, now()))).toBeNull(); // pending is not in force

    const wrong = await refusal(confirmEnrolment(userId, "000000" === totpCode(secret, now()) ? "111111" : "000000"));
    expect([wrong.code, wrong.field]).toEqual(["validation_failed", "code"]);
    expect((await stored(userId)).totpEnabledAt).toBeNull();

    const { recoveryCodes } = await confirmEnrolment(userId, totpCode(secret, now()));
    expect(recoveryCodes).toHaveLength(10);
    expect((await stored(userId)).totpEnabledAt).not.toBeNull();
    expect(await twoFactorStatus(userId)).toMatchObject({ recoveryCodesLeft: 10 });
    const hashes = await db().recoveryCode.findMany({ where: { userId }, select: { codeHash: true } });
    expect(hashes.map((h) => h.codeHash).join()).not.toContain(recoveryCodes[0].replace("-", ""));
    expect((await refusal(beginEnrolment(userId))).code).toBe("conflict");
  });

  it("stops guessing the setup code after 10 wrong codes, so a stolen session cannot turn it on and take the recovery codes", async () => {
    const { userId } = await aProject();
    const { secret } = await beginEnrolment(userId);
    const right = totpCode(secret, now());
    const wrongCodes = Array.from({ length: 12 }, (_, i) => String(300000 + i))
      .filter((c) => c !== right)
      .slice(0, 11);
    const answers = [];
    for (const code of wrongCodes) answers.push((await refusal(confirmEnrolment(userId, code))).code);
    expect(answers.slice(0, 10).every((c) => c === "validation_failed")).toBe(true);
    expect(answers[10]).toBe("rate_limited");
    expect((await refusal(confirmEnrolment(userId, right))).code).toBe("rate_limited");
    expect((await stored(userId)).totpEnabledAt).toBeNull();
  });

  it("does not turn on with a code from a setup that was restarted", async () => {
    const { userId } = await aProject();
    const first = await beginEnrolment(userId);
    await beginEnrolment(userId);
    expect((await refusal(confirmEnrolment(userId, totpCode(first.secret, now())))).field).toBe("code");
  });
});

describe("a second factor at sign-in", () => {
  it("accepts a current code once: the same code again, or an older one, is refused", async () => {
    const { userId, secret } = await anEnrolledUser();
    const next = codeIn(secret, 1); // the enrolment used the current step
    expect(await verifySecondFactor(userId, next)).toBe("totp");
    expect(await verifySecondFactor(userId, next)).toBeNull();
    expect(await verifySecondFactor(userId, totpCode(secret, now()))).toBeNull();
    moveClock(2);
    expect(await verifySecondFactor(userId, totpCode(secret, now()))).toBe("totp");
  });

  it("lets only one of two parallel uses of one code through", async () => {
    const { userId, secret } = await anEnrolledUser();
    const code = codeIn(secret, 1);
    const results = await Promise.all(Array.from({ length: 5 }, () => verifySecondFactor(userId, code)));
    expect(results.filter((r) => r === "totp")).toHaveLength(1);
  });

  it("accepts a code one step off either way (clock drift), not two", async () => {
    const { userId, secret } = await anEnrolledUser();
    moveClock(5);
    expect(await verifySecondFactor(userId, codeIn(secret, -2))).toBeNull();
    expect(await verifySecondFactor(userId, codeIn(secret, 2))).toBeNull();
    expect(await verifySecondFactor(userId, codeIn(secret, -1))).toBe("totp");
    expect(await verifySecondFactor(userId, codeIn(secret, 1))).toBe("totp");
  });

  it("uses a recovery code up: it works once, typed any way", async () => {
    const { userId, recoveryCodes } = await anEnrolledUser();
    expect(await verifySecondFactor(userId, recoveryCodes[3].toUpperCase())).toBe("recovery");
    expect(await verifySecondFactor(userId, recoveryCodes[3])).toBeNull();
    expect(await verifySecondFactor(userId, "zzzzz-zzzzz")).toBeNull();
    expect((await twoFactorStatus(userId)).recoveryCodesLeft).toBe(9);
  });

  it("does not accept another user's recovery code", async () => {
    const alice = await anEnrolledUser();
    const bob = await anEnrolledUser();
    expect(await verifySecondFactor(bob.userId, alice.recoveryCodes[0])).toBeNull();
    expect(await verifySecondFactor(alice.userId, alice.recoveryCodes[0])).toBe("recovery");
  });

  it("voids the old recovery codes when a new set is made", async () => {
    const { userId, recoveryCodes } = await anEnrolledUser();
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(userId);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);
    expect(await verifySecondFactor(userId, recoveryCodes[0])).toBeNull();
    expect(await verifySecondFactor(userId, fresh[0])).toBe("recovery");
  });

  it("turning two-factor off forgets the secret and the recovery codes", async () => {
    const { userId, secret, recoveryCodes } = await anEnrolledUser();
    await disableTwoFactor(userId);
    expect(await stored(userId)).toEqual({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await db().recoveryCode.count({ where: { userId } })).toBe(0);
    expect(await verifySecondFactor(userId, codeIn(secret, 1))).toBeNull();
    expect(await verifySecondFactor(userId, recoveryCodes[0])).toBeNull();
    expect((await refusal(regenerateRecoveryCodes(userId))).code).toBe("conflict");
  });
});
