"use server";
import { formToObject, resultOf, type ActionResult } from "@/lib/action-result";
import { resetPasswordSchema } from "@/lib/users/password-schemas";
import { resetPassword } from "@/lib/users/password-reset";

// Needs no session: the link's token is the proof. A 256-bit token needs no attempt limit.
export async function resetPasswordAction(_previous: unknown, form: FormData): Promise<ActionResult<{ reset: true }>> {
  try {
    const { token, password } = resetPasswordSchema.parse(formToObject(form));
    await resetPassword(token, password);
    return { ok: true, data: { reset: true } };
  } catch (error) {
    return resultOf(error);
  }
}
