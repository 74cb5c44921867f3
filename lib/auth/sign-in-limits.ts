import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { BoundedRateLimiterMemory } from "@/lib/api/bounded-memory-limiter";

// Sign-in attempts are limited per IP and per e-mail (SPEC §12). An attempt is counted *before*
// the password is checked, so a burst of parallel guesses cannot slip past the limit while bcrypt
// runs; a success gives the attempt back and clears the e-mail's count.
export const PER_IP = { points: 30, duration: 15 * 60 };
export const PER_EMAIL = { points: 10, duration: 15 * 60 };

// Sign-ups cost a bcrypt hash and a project each: a few per address per hour (configurable, e.g.
// for a browser-test run that signs up many people from one address).
export const SIGN_UPS_PER_IP = { points: Number(process.env.SIGN_UPS_PER_IP_PER_HOUR) || 10, duration: 60 * 60 };

type Limiters = { ip: RateLimiterMemory; email: RateLimiterMemory; signUp: RateLimiterMemory };
const holder = globalThis as unknown as { __latchkeySignIn?: Limiters };
const limiters = (holder.__latchkeySignIn ??= {
  ip: new RateLimiterMemory(PER_IP),
  email: new RateLimiterMemory(PER_EMAIL),
  signUp: new RateLimiterMemory(SIGN_UPS_PER_IP),
});

/** Counts a sign-up from `ip`. Returns 0 when it may go ahead, else the seconds until one may. */
export async function takeSignUpAttempt(ip: string): Promise<number> {
  try {
    await limiters.signUp.consume(ip);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.ceil(error.msBeforeNext / 1000);
    throw error;
  }
}

/** Counts an attempt. Returns 0 when it may go ahead, else the seconds until one may. */
export async function takeSignInAttempt(ip: string, email: string): Promise<number> {
  const results = await Promise.allSettled([limiters.ip.consume(ip), limiters.email.consume(email)]);
  let waitMs = 0;
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    waitMs = Math.max(waitMs, result.reason.msBeforeNext);
  }
  return Math.ceil(waitMs / 1000);
}

export async function recordSuccessfulSignIn(ip: string, email: string): Promise<void> {
  await Promise.all([limiters.ip.reward(ip, 1), limiters.email.delete(email)]);
}

// ---- Password-reset requests (SPEC §13) -------------------------------------------------------
// Per address, and per e-mail so nobody's inbox is flooded with reset links. The e-mail is
// charged only when the address may go ahead: an address already refused costs that inbox
// nothing, and one address can name at most 20 e-mails an hour (which bounds the e-mail counters).
export const PASSWORD_RESETS_PER_IP = { points: 20, duration: 60 * 60 };
export const PASSWORD_RESETS_PER_EMAIL = { points: 3, duration: 60 * 60 };
const resetHolder = globalThis as unknown as { __latchkeyPasswordReset?: { ip: RateLimiterMemory; email: RateLimiterMemory } };
const resetLimiters = (resetHolder.__latchkeyPasswordReset ??= {
  ip: new BoundedRateLimiterMemory(PASSWORD_RESETS_PER_IP, 100_000),
  email: new BoundedRateLimiterMemory(PASSWORD_RESETS_PER_EMAIL, 100_000),
});

/** Counts a reset request. Returns 0 when it may go ahead, else the seconds until one may. */
export async function takePasswordResetAttempt(ip: string, email: string): Promise<number> {
  for (const [limiter, key] of [[resetLimiters.ip, ip], [resetLimiters.email, email]] as const) {
    try {
      await limiter.consume(key);
    } catch (error) {
      // Recognised by shape: rate-limiter-flexible may be bundled more than once (review #4).
      const wait = (error as { msBeforeNext?: unknown } | null)?.msBeforeNext;
      if (typeof wait !== "number") throw error;
      return Math.ceil(wait / 1000);
    }
  }
  return 0;
}
