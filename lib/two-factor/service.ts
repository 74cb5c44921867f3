import "server-only";
import { clearSecondFactorAttempts, takeSecondFactorAttempt, tooManyCodes } from "@/lib/auth/sign-in-limits";
import { db, type Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { open, seal } from "@/lib/crypto/secret-box";
import { DomainError } from "@/lib/errors";
import { hashRecoveryCode, isRecoveryShaped, newRecoveryCodes } from "./recovery-codes";
import { isTotpShaped, newTotpSecret, stepOfCode, totpUri } from "./totp";

// Two-factor sign-in for one user (SPEC §13). The TOTP secret is stored sealed; it is pending
// while totpSecret is set and totpEnabledAt is not, and in force once totpEnabledAt is set.

const WRONG_CODE = "That code is not right. Enter the current 6-digit code from your authenticator app.";

export async function twoFactorStatus(userId: string) {
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  const recoveryCodesLeft = await db().recoveryCode.count({ where: { userId, usedAt: null } });
  return { enabledAt: user?.totpEnabledAt ?? null, recoveryCodesLeft };
}

export async function hasTwoFactor(userId: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return Boolean(user?.totpEnabledAt);
}

/** Starts (or restarts) enrolment with a new pending secret; returns it once, for the QR code and manual entry. */
export async function beginEnrolment(userId: string) {
  const secret = newTotpSecret();
  const updated = await db().user.updateMany({ where: { id: userId, totpEnabledAt: null }, data: { totpSecret: seal(secret), totpLastStep: null } });
  if (updated.count !== 1) throw new DomainError("conflict", "Two-factor sign-in is already on.");
  const { email } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  return { secret, uri: totpUri(secret, email) };
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}

/** Turns two-factor on once a current code proves the app has the pending secret; returns the recovery codes, once. */
export async function confirmEnrolment(userId: string, code: string) {
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (user?.totpEnabledAt) throw new DomainError("conflict", "Two-factor sign-in is already on.");
  if (!user?.totpSecret) throw new DomainError("conflict", "Start the setup again: no setup is in progress.");
  // Guessing the code here would turn two-factor on for a stolen session and hand it the recovery codes.
  const wait = await takeSecondFactorAttempt(userId);
  if (wait > 0) throw new DomainError("rate_limited", tooManyCodes(wait), "code");
  const step = stepOfCode(open(user.totpSecret), code, now());
  if (step === null) throw new DomainError("validation_failed", WRONG_CODE, "code");
  await clearSecondFactorAttempts(userId);
  return db().$transaction(async (tx) => {
    // Conditional on the secret just checked: a setup restarted meanwhile is not turned on by an old code.
    const enabled = await tx.user.updateMany({
      where: { id: userId, totpEnabledAt: null, totpSecret: user.totpSecret },
      data: { totpEnabledAt: now(), totpLastStep: step },
    });
    if (enabled.count !== 1) throw new DomainError("conflict", "The setup changed meanwhile. Start it again.");
    return { recoveryCodes: await replaceRecoveryCodes(tx, userId) };
  });
}

/** A new set of recovery codes; the old set stops working. */
export async function regenerateRecoveryCodes(userId: string) {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
    if (!user?.totpEnabledAt) throw new DomainError("conflict", "Turn on two-factor sign-in first.");
    return { recoveryCodes: await replaceRecoveryCodes(tx, userId) };
  });
}

export async function disableTwoFactor(userId: string) {
  return db().$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    const user = await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null }, select: { id: true } });
    return { id: user.id };
  });
}

/**
 * Checks a second factor: a TOTP code, accepted once (its time step must be later than the last
 * accepted one, written by a conditional update so two requests cannot both use it), or an
 * unused recovery code, which is used up. Returns how it passed, or null.
 */
export async function verifySecondFactor(userId: string, code: string): Promise<"totp" | "recovery" | null> {
  if (typeof code !== "string" || code.length > 64) return null;
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpEnabledAt || !user.totpSecret) return null;
  if (isTotpShaped(code)) {
    const step = stepOfCode(open(user.totpSecret), code, now());
    if (step === null) return null;
    const taken = await db().user.updateMany({
      where: { id: userId, totpEnabledAt: { not: null }, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return taken.count === 1 ? "totp" : null;
  }
  if (!isRecoveryShaped(code)) return null;
  const used = await db().recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: now() } });
  return used.count === 1 ? "recovery" : null;
}
