import "server-only";
import { createHash } from "node:crypto";
import { addressKey } from "@/lib/limits/address";
import { limiters } from "@/lib/limits/factory";
import { outcomeOf, secondsUntil, waitInWords } from "@/lib/limits/outcome";
import { LIMITS, SIGN_IN_DELAYS, signInDelaySeconds } from "@/lib/limits/policies";

// Sign-in attempts (SPEC §13): limits never let a stranger lock an owner out. An attempt counts
// per address, then per (e-mail, address) with growing delays (lib/limits/policies.ts); there is
// no count per e-mail alone, so ten wrong passwords from one address slow only that address.
// An address that is already refused charges nothing to the e-mail. An attempt is counted
// *before* the password is checked, so a burst of parallel guesses cannot slip past while bcrypt
// runs; a success gives the address its attempt back and clears the (e-mail, address) count.

export const PER_IP = LIMITS.signInPerAddress;
export const SIGN_UPS_PER_IP = LIMITS.signUpPerAddress;

const byAddress = () => limiters().limiter("sign-in-ip", LIMITS.signInPerAddress);
const byEmailAndAddress = () => limiters().limiter("sign-in-pair", LIMITS.signInPerEmailAndAddress);
// One point per delay: the attempt that finds it empty goes ahead and starts the next delay.
const delayGate = () => limiters().limiter("sign-in-delay", { points: 1, duration: SIGN_IN_DELAYS.firstDelay });
const signUps = () => limiters().limiter("sign-up-ip", LIMITS.signUpPerAddress);

/** A counter's key made from an e-mail (and more): a hash, so no e-mail address sits in memory or Redis as a key. */
const hashedKey = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 32);
const pairKey = (email: string, address: string) => hashedKey(email, address);

/** "Too many sign-in attempts. Try again in 30 seconds." (or "in 4 minutes"): the refusal people see. */
export function tooManySignInAttempts(seconds: number): string {
  return `Too many sign-in attempts. Try again in ${waitInWords(seconds)}.`;
}

/** Counts a sign-up from `ip`. Returns 0 when it may go ahead, else the seconds until one may. */
export async function takeSignUpAttempt(ip: string): Promise<number> {
  await limiters().ready;
  const signUp = await outcomeOf(signUps().consume(addressKey(ip)));
  return signUp.allowed ? 0 : secondsUntil(signUp.msBeforeNext);
}

/** Counts an attempt. Returns 0 when it may go ahead, else the seconds until one may. */
export async function takeSignInAttempt(ip: string, email: string): Promise<number> {
  await limiters().ready;
  const address = addressKey(ip);
  const fromAddress = await outcomeOf(byAddress().consume(address));
  if (!fromAddress.allowed) return secondsUntil(fromAddress.msBeforeNext);

  const pair = pairKey(email, address);
  const attempt = (await outcomeOf(byEmailAndAddress().consume(pair))).consumedPoints;
  if (attempt < SIGN_IN_DELAYS.free) return 0;
  const gate = await outcomeOf(delayGate().consume(pair, 1, { customDuration: signInDelaySeconds(attempt) }));
  if (gate.allowed) return 0;
  // Refused while waiting: not an attempt, so hammering does not lengthen the delay.
  await byEmailAndAddress().reward(pair, 1);
  return secondsUntil(gate.msBeforeNext);
}

export async function recordSuccessfulSignIn(ip: string, email: string): Promise<void> {
  await limiters().ready;
  const address = addressKey(ip);
  const pair = pairKey(email, address);
  await Promise.all([byAddress().reward(address, 1), byEmailAndAddress().delete(pair), delayGate().delete(pair)]);
}

// Password-reset requests (SPEC §13): per address, and per e-mail so nobody's inbox is flooded
// with reset links. The e-mail is charged only when the address may go ahead: an address already
// refused costs that inbox nothing.
const resetsByAddress = () => limiters().limiter("password-reset-ip", LIMITS.passwordResetsPerAddress);
const resetsByEmail = () => limiters().limiter("password-reset-email", LIMITS.passwordResetsPerEmail);

/** Counts a reset request. Returns 0 when it may go ahead, else the seconds until one may. */
export async function takePasswordResetAttempt(ip: string, email: string): Promise<number> {
  await limiters().ready;
  const fromAddress = await outcomeOf(resetsByAddress().consume(addressKey(ip)));
  if (!fromAddress.allowed) return secondsUntil(fromAddress.msBeforeNext);
  const forEmail = await outcomeOf(resetsByEmail().consume(hashedKey(email)));
  return forEmail.allowed ? 0 : secondsUntil(forEmail.msBeforeNext);
}

// Two-factor codes per account (sign-in, "Confirm it's you", confirming a setup): a right code
// clears the count.
const secondFactorTries = () => limiters().limiter("second-factor-user", LIMITS.secondFactorPerUser);

/** Counts a two-factor code tried for `userId`. Returns 0 when it may be checked, else the seconds until one may. */
export async function takeSecondFactorAttempt(userId: string): Promise<number> {
  await limiters().ready;
  const tried = await outcomeOf(secondFactorTries().consume(userId));
  return tried.allowed ? 0 : secondsUntil(tried.msBeforeNext);
}

export async function clearSecondFactorAttempts(userId: string): Promise<void> {
  await limiters().ready;
  await secondFactorTries().delete(userId);
}

export const tooManyCodes = (seconds: number) => `Too many wrong codes. Try again in ${waitInWords(seconds)}.`;
