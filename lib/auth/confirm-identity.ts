import "server-only";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/audit/record";
import { passwordMatches } from "@/lib/users/service";
import { hasTwoFactor, verifySecondFactor } from "@/lib/two-factor/service";
import { clearSecondFactorAttempts, recordSuccessfulSignIn, takeSecondFactorAttempt, takeSignInAttempt, tooManyCodes } from "./sign-in-limits";
import { startSudo } from "./sudo";
import type { SessionUser } from "./session";
import { waitInWords } from "@/lib/limits/outcome";

// "Confirm it's you": the password, or a two-factor code (or a recovery code) once two-factor is
// on. Each try counts with the sign-in attempts of this e-mail and address: a guess is a guess.

export type IdentityMethod = "password" | "totp";

export const confirmIdentitySchema = z.object({
  password: z.string().max(1024, "That is too long for a password.").optional().default(""),
  code: z.string().max(64, "That is too long for a code.").optional().default(""),
});

export async function identityMethod(userId: string): Promise<IdentityMethod> {
  return (await hasTwoFactor(userId)) ? "totp" : "password";
}

export async function confirmIdentity(user: SessionUser, input: z.infer<typeof confirmIdentitySchema>, meta: RequestMeta) {
  const method = await identityMethod(user.id);
  const field = method === "totp" ? "code" : "password";
  const given = method === "totp" ? input.code.trim() : input.password;
  if (!given) throw new DomainError("validation_failed", method === "totp" ? "Enter the code from your authenticator app." : "Enter your password.", field);
  const ip = meta.ip ?? "unknown";
  const wait = await takeSignInAttempt(ip, user.email);
  if (wait > 0) throw new DomainError("rate_limited", `Too many attempts. Try again in ${waitInWords(wait)}.`, field);
  if (method === "totp") {
    const codeWait = await takeSecondFactorAttempt(user.id);
    if (codeWait > 0) throw new DomainError("rate_limited", tooManyCodes(codeWait), field);
  }
  const ok = method === "totp" ? (await verifySecondFactor(user.id, given)) !== null : await passwordMatches(user.id, given);
  if (ok && method === "totp") await clearSecondFactorAttempts(user.id);
  if (!ok) throw new DomainError("validation_failed", method === "totp" ? "That code is not right, or it was used already." : "That password is not right.", field);
  await recordSuccessfulSignIn(ip, user.email);
  await startSudo(user.id);
  return { method };
}
