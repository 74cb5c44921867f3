// A used-up limiter rejects with its state (a RateLimiterRes) rather than an Error. Next.js
// bundles rate-limiter-flexible into several chunks, and a limiter kept on globalThis may come
// from another copy than the code asking, so `instanceof RateLimiterRes` can be false for a real
// refusal (security review #4: every refusal became "not possible right now"). The shape decides.

export type LimiterState = { consumedPoints: number; remainingPoints: number; msBeforeNext: number };

export function isLimiterState(value: unknown): value is LimiterState {
  return typeof value === "object" && value !== null && !(value instanceof Error) && typeof (value as { msBeforeNext?: unknown }).msBeforeNext === "number";
}

/** The state a limiter answered with, allowed or not; anything else (a store error with no insurance) is thrown on. */
export async function outcomeOf(operation: Promise<unknown>): Promise<LimiterState & { allowed: boolean }> {
  try {
    const state = await operation;
    if (!isLimiterState(state)) throw new Error("a limiter answered with no state");
    return { consumedPoints: state.consumedPoints, remainingPoints: state.remainingPoints, msBeforeNext: state.msBeforeNext, allowed: true };
  } catch (error) {
    if (!isLimiterState(error)) throw error;
    return { consumedPoints: error.consumedPoints, remainingPoints: error.remainingPoints, msBeforeNext: error.msBeforeNext, allowed: false };
  }
}

/** Whole seconds until `ms` has passed, at least 1. */
export const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** "30 seconds", "1 second" or "4 minutes": how long a refused person must wait, in words. */
export function waitInWords(seconds: number): string {
  return seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
}
