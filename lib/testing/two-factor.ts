import { now, setClockOffsetForTests } from "@/lib/clock";
import { beginEnrolment, confirmEnrolment } from "@/lib/two-factor/service";
import { totpCode } from "@/lib/two-factor/totp";

export const STEP_MS = 30_000;

/** Enrols `userId` in two-factor; returns the secret their app holds and their recovery codes. */
export async function enrol(userId: string) {
  const { secret } = await beginEnrolment(userId);
  const { recoveryCodes } = await confirmEnrolment(userId, totpCode(secret, now()));
  return { secret, recoveryCodes };
}

/** The code an app shows `steps` time steps from now (the enrolment took the current step). */
export const codeIn = (secret: string, steps: number) => totpCode(secret, new Date(now().getTime() + steps * STEP_MS));

/**
 * Starts the test clock 2 s into a fresh 30-second step, so no real step boundary passes during
 * a test; returns a function that moves the clock whole steps from there.
 */
export function pinClockToStepStart(): (steps: number) => void {
  const t = Date.now();
  const base = Math.floor(t / STEP_MS) * STEP_MS + STEP_MS + 2_000 - t;
  setClockOffsetForTests(base);
  return (steps) => setClockOffsetForTests(base + steps * STEP_MS);
}
