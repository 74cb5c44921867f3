"use client";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import { changePasswordAction } from "../actions";
import { AccountSection } from "./account-section";

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password", autoComplete: "new-password", hint: "At least 8 characters, hard to guess, without your name or e-mail address." },
] as const;

export function PasswordSection() {
  const form = useRef<HTMLFormElement>(null);
  const { state, onSubmit, pending, fieldErrors, formError } = useFormAction(changePasswordAction, { onSuccess: () => form.current?.reset() });
  return (
    <AccountSection id="password" title="Password" description="Changing your password signs you out everywhere else.">
      <form ref={form} method="post" onSubmit={onSubmit} className="max-w-sm space-y-4" noValidate>
        <FormError message={formError} />
        {FIELDS.map((f) => (
          <Field key={f.name} id={f.name} label={f.label} hint={"hint" in f ? f.hint : undefined} errors={fieldErrors?.[f.name]}>
            {(describedBy) => (
              <input
                id={f.name}
                name={f.name}
                type="password"
                autoComplete={f.autoComplete}
                required
                aria-invalid={Boolean(fieldErrors?.[f.name])}
                aria-describedby={describedBy}
                className={inputClass}
              />
            )}
          </Field>
        ))}
        <div aria-live="polite">
          {state?.ok && !pending && <p className="text-sm text-green-700">Your password was changed. Every other session was signed out.</p>}
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </AccountSection>
  );
}
