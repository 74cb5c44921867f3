"use server";
import { signUpSchema } from "@/lib/users/schemas";
import { signUp } from "@/lib/users/service";
import { requestMeta } from "@/lib/auth/session";
import { formToObject, resultOf } from "@/lib/auth/project-action";
import type { ActionResult } from "@/lib/action-result";

// Sign-up needs no session or project, so it is the one action outside projectAction.
export async function signUpAction(_previous: unknown, form: FormData): Promise<ActionResult<{ projectSlug: string }>> {
  try {
    const input = signUpSchema.parse(formToObject(form));
    const { projectSlug } = await signUp(input, await requestMeta());
    return { ok: true, data: { projectSlug } };
  } catch (error) {
    return resultOf(error);
  }
}
