import { RateLimiterMemory } from "rate-limiter-flexible";

// Failed sign-ins are limited per IP and per e-mail (SPEC §12); a success clears the e-mail's count.
const PER_IP = { points: 30, duration: 15 * 60 };
const PER_EMAIL = { points: 10, duration: 15 * 60 };

type Limiters = { ip: RateLimiterMemory; email: RateLimiterMemory };
const holder = globalThis as unknown as { __latchkeySignIn?: Limiters };
const limiters = (holder.__latchkeySignIn ??= { ip: new RateLimiterMemory(PER_IP), email: new RateLimiterMemory(PER_EMAIL) });

/** Seconds until another attempt is allowed, or 0 when it is allowed now. */
export async function signInBlockedFor(ip: string, email: string): Promise<number> {
  const [byIp, byEmail] = await Promise.all([limiters.ip.get(ip), limiters.email.get(email)]);
  const blocked = [
    byIp && byIp.consumedPoints >= PER_IP.points ? byIp.msBeforeNext : 0,
    byEmail && byEmail.consumedPoints >= PER_EMAIL.points ? byEmail.msBeforeNext : 0,
  ];
  return Math.ceil(Math.max(...blocked) / 1000);
}

export async function recordFailedSignIn(ip: string, email: string): Promise<void> {
  await Promise.all([limiters.ip.penalty(ip, 1), limiters.email.penalty(email, 1)]);
}

export async function recordSuccessfulSignIn(email: string): Promise<void> {
  await limiters.email.delete(email);
}
