import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

// Sign-in attempts are limited per IP and per e-mail (SPEC §12). An attempt is counted *before*
// the password is checked, so a burst of parallel guesses cannot slip past the limit while bcrypt
// runs; a success gives the attempt back and clears the e-mail's count.
export const PER_IP = { points: 30, duration: 15 * 60 };
export const PER_EMAIL = { points: 10, duration: 15 * 60 };

type Limiters = { ip: RateLimiterMemory; email: RateLimiterMemory };
const holder = globalThis as unknown as { __latchkeySignIn?: Limiters };
const limiters = (holder.__latchkeySignIn ??= { ip: new RateLimiterMemory(PER_IP), email: new RateLimiterMemory(PER_EMAIL) });

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
