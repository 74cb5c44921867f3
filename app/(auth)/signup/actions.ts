"use server";
import { signUpSchema } from "@/lib/users/schemas";
import { signUp } from "@/lib/users/service";
import { requestMeta } from "@/lib/auth/session";
import { takeSignUpAttempt } from "@/lib/auth/sign-in-limits";
import { failure, formToObject, resultOf, type ActionResult } from "@/lib/action-result";

// Sign-up needs no session or project, so it is the one action outside projectAction.
export async function signUpAction(_previous: unknown, form: FormData): Promise<ActionResult<{ projectSlug: string }>> {
  try {
    const input = signUpSchema.parse(formToObject(form));
    const meta = await requestMeta();
    const wait = await takeSignUpAttempt(meta.ip ?? "unknown");
    if (wait > 0) return failure("rate_limited", `Too many sign-ups from this address. Try again in ${Math.ceil(wait / 60)} minute(s).`);
    const { projectSlug } = await signUp(input, meta);
    return { ok: true, data: { projectSlug } };
  } catch (error) {
    return resultOf(error);
  }
}
