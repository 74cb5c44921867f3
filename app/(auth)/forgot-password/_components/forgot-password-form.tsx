"use client";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/use-form-action";
import { requestPasswordResetAction } from "../actions";

export function ForgotPasswordForm() {
  const { state, onSubmit, pending, fieldErrors, formError } = useFormAction(requestPasswordResetAction);
  if (state?.ok) {
    return (
      <p role="status" className="mt-6 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
        If an account exists for that address, we sent it a link to reset the password. The link works once, for one hour.
      </p>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError message={formError} />
      <TextField id="email" label="Email" type="email" autoComplete="email" required errors={fieldErrors?.email} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
