"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { NEW_PASSWORD_HINT, PasswordField } from "@/components/ui/password-field";
import { FormError } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import { resetPasswordAction } from "../actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const { state, onSubmit, pending, fieldErrors, formError } = useFormAction(resetPasswordAction);
  if (state?.ok) {
    return (
      <div role="status" className="mt-6 space-y-4 text-sm text-zinc-700">
        <p>Your password was changed, and every session of your account was signed out.</p>
        <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700">
          Sign in with your new password
        </Link>
      </div>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError message={formError} />
      <input type="hidden" name="token" value={token} />
      <PasswordField label="New password" hint={NEW_PASSWORD_HINT} errors={fieldErrors?.password} autoComplete="new-password" />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
