"use server";
import { z } from "zod";
import { signUpSchema } from "@/lib/users/schemas";
import { finishSignUp, requestSignUp, type SignUpOutcome } from "@/lib/users/sign-up-requests";
import { requestMeta } from "@/lib/auth/session";
import { takeSignUpAttempt } from "@/lib/auth/sign-in-limits";
import { failure, formToObject, resultOf, type ActionResult } from "@/lib/action-result";
import { waitInWords } from "@/lib/limits/outcome";

// Sign-up needs no session or project, so these are the actions outside projectAction.
export async function signUpAction(_previous: unknown, form: FormData): Promise<ActionResult<SignUpOutcome>> {
  try {
    const input = signUpSchema.parse(formToObject(form));
    const meta = await requestMeta();
    const wait = await takeSignUpAttempt(meta.ip ?? "unknown");
    if (wait > 0) return failure("rate_limited", `Too many sign-ups from this address. Try again in ${waitInWords(wait)}.`);
    return { ok: true, data: await requestSignUp(input, meta) };
  } catch (error) {
    return resultOf(error);
  }
}

const finishSchema = z.object({
  token: z.string({ error: "Open the link from the e-mail." }).min(1, "Open the link from the e-mail.").max(4096, "This link is not valid."),
  password: z.string({ error: "Enter the password you chose." }).min(1, "Enter the password you chose.").max(1024),
});

export async function finishSignUpAction(_previous: unknown, form: FormData): Promise<ActionResult<{ email: string; projectSlug: string }>> {
  try {
    const { token, password } = finishSchema.parse(formToObject(form));
    const { email, projectSlug } = await finishSignUp(token, password, await requestMeta());
    return { ok: true, data: { email, projectSlug } };
  } catch (error) {
    return resultOf(error);
  }
}
