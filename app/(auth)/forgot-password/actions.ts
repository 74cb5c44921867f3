"use server";
import { after } from "next/server";
import { failure, formToObject, resultOf, type ActionResult } from "@/lib/action-result";
import { requestMeta } from "@/lib/auth/session";
import { takePasswordResetAttempt } from "@/lib/auth/sign-in-limits";
import { forgotPasswordSchema } from "@/lib/users/password-schemas";
import { requestPasswordReset, resetLinksAvailable } from "@/lib/users/password-reset";
import { waitInWords } from "@/lib/limits/outcome";

// Needs no session, like sign-up. The answer is the same whether or not the e-mail has an
// account, and it comes before any account is looked up: the lookup and the mail run after the
// response, so neither the words nor the timing tell who has an account.
export async function requestPasswordResetAction(_previous: unknown, form: FormData): Promise<ActionResult<{ requested: true }>> {
  try {
    if (!resetLinksAvailable()) return failure("unavailable", "This server cannot send e-mail. Ask your Latchkey operator to reset your password.");
    const { email } = forgotPasswordSchema.parse(formToObject(form));
    const wait = await takePasswordResetAttempt((await requestMeta()).ip ?? "unknown", email);
    if (wait > 0) return failure("rate_limited", `Too many reset requests. Try again in ${waitInWords(wait)}.`);
    after(() =>
      requestPasswordReset(email).catch((error: unknown) => {
        // Name and code only: a mail server's message can quote the address.
        const { name, code } = (error ?? {}) as { name?: string; code?: string };
        console.error(`password reset: the link could not be sent: ${name ?? typeof error}${code ? ` (${code})` : ""}`);
      }),
    );
    return { ok: true, data: { requested: true } };
  } catch (error) {
    return resultOf(error);
  }
}
