"use client";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { NEW_PASSWORD_HINT, PasswordField } from "@/components/ui/password-field";
import { useFormAction } from "@/components/use-form-action";
import { changePasswordAction } from "../actions";
import { Section } from "@/components/ui/section";

export function PasswordSection() {
  const form = useRef<HTMLFormElement>(null);
  const { state, onSubmit, pending, fieldErrors, formError } = useFormAction(changePasswordAction, { onSuccess: () => form.current?.reset(), toast: "Password changed." });
  return (
    <Section id="password" title="Password" description="Changing your password signs you out everywhere else.">
      <form ref={form} method="post" onSubmit={onSubmit} className="max-w-sm space-y-4" noValidate>
        <FormError message={formError} />
        <PasswordField id="currentPassword" label="Current password" autoComplete="current-password" errors={fieldErrors?.currentPassword} />
        <PasswordField id="newPassword" label="New password" hint={NEW_PASSWORD_HINT} autoComplete="new-password" errors={fieldErrors?.newPassword} />
        <div aria-live="polite">{state?.ok && !pending && <p className="text-sm text-green-700">Your password was changed. Every other session was signed out.</p>}</div>
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </Section>
  );
}
