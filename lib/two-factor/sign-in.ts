import "server-only";
import { clearSecondFactorAttempts, takeSecondFactorAttempt } from "@/lib/auth/sign-in-limits";
import { hasTwoFactor, verifySecondFactor } from "./service";

export type SecondFactorOutcome = { result: "passed" | "missing" | "wrong" } | { result: "limited"; waitSeconds: number };

/** The second step of a sign-in whose password was right: passed (or not enrolled), missing, wrong, or too many tries. */
export async function secondFactorOutcome(userId: string, code: unknown): Promise<SecondFactorOutcome> {
  if (!(await hasTwoFactor(userId))) return { result: "passed" };
  if (typeof code !== "string" || code.trim() === "") return { result: "missing" };
  const wait = await takeSecondFactorAttempt(userId);
  if (wait > 0) return { result: "limited", waitSeconds: wait };
  if (!(await verifySecondFactor(userId, code.trim()))) return { result: "wrong" };
  await clearSecondFactorAttempts(userId);
  return { result: "passed" };
}
