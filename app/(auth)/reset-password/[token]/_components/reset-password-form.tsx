"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
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
      <Field id="password" label="New password" hint="At least 8 characters, hard to guess, without your name or e-mail address." errors={fieldErrors?.password}>
        {(describedBy) => (
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={Boolean(fieldErrors?.password)}
            aria-describedby={describedBy}
            className={inputClass}
          />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
