import "server-only";
import { hasTwoFactor, verifySecondFactor } from "./service";

/** The second step of a sign-in whose password was right: passed (or not enrolled), missing, or wrong. */
export async function secondFactorOutcome(userId: string, code: unknown): Promise<"passed" | "missing" | "wrong"> {
  if (!(await hasTwoFactor(userId))) return "passed";
  if (typeof code !== "string" || code.trim() === "") return "missing";
  return (await verifySecondFactor(userId, code.trim())) ? "passed" : "wrong";
}
