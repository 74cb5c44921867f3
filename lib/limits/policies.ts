import { MAX_RATE_LIMIT } from "@/lib/keys/schemas";

// Every limit in the app, in one table (SPEC §12, §13). Each is made by the one factory
// (./factory.ts): bounded memory, shared through Redis when REDIS_URL is set. `duration` is the
// window in seconds from a counter's first point.

export type LimiterPolicy = { points: number; duration: number };

export const LIMITS = {
  /** Sign-in attempts from one address, whatever the e-mail (a hard window: it only holds back that address). */
  signInPerAddress: { points: 30, duration: 15 * 60 },
  /** Sign-in attempts for one e-mail from one address; past the free ones, see SIGN_IN_DELAYS. */
  signInPerEmailAndAddress: { points: Number.MAX_SAFE_INTEGER, duration: 60 * 60 },
  /** Sign-ups cost a bcrypt hash and a project each (configurable, e.g. for a browser-test run from one address). */
  signUpPerAddress: { points: Number(process.env.SIGN_UPS_PER_IP_PER_HOUR) || 10, duration: 60 * 60 },
  /** Failed /api/v1 key checks per address (SPEC §12). */
  failedKeyChecksPerAddress: { points: 60, duration: 60 },
  /** Requests per key per minute; the limiter's own ceiling, each key is compared with its own limit. */
  keyRequests: { points: MAX_RATE_LIMIT, duration: 60 },
  /** Password-reset e-mails asked for from one address, and to one e-mail, per hour. */
  passwordResetsPerAddress: { points: 20, duration: 60 * 60 },
  passwordResetsPerEmail: { points: 3, duration: 60 * 60 },
  /**
   * Two-factor codes tried for one account, from anywhere. Only someone who has the password or a
   * live session gets to this step, so a stranger cannot spend it; it bounds guessing a 6-digit
   * code from many addresses.
   */
  secondFactorPerUser: { points: 10, duration: 15 * 60 },
  /** Leak reports (POST /api/v1/credentials/revoke, no key) from one address per minute. */
  leakReportsPerAddress: { points: 20, duration: 60 },
  /** Refused calls by one known key written to the audit log per minute (the rest are only counted). */
  deniedAuditPerKey: { points: 30, duration: 60 },
} satisfies Record<string, LimiterPolicy>;

/**
 * Growing delays instead of a lock (SPEC §13): the first `free` attempts for one e-mail from one
 * address go at once; after the n-th, the next waits `firstDelay · 2^(n − free)` seconds, at most
 * `maxDelay`. Only that address waits: the same e-mail from any other address is not slowed.
 */
export const SIGN_IN_DELAYS = { free: 5, firstDelay: 30, maxDelay: 15 * 60 };

export function signInDelaySeconds(attempt: number): number {
  const { free, firstDelay, maxDelay } = SIGN_IN_DELAYS;
  return Math.min(maxDelay, firstDelay * 2 ** Math.max(0, attempt - free));
}
