"use client";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { NEW_PASSWORD_HINT, PasswordField } from "@/components/ui/password-field";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/use-form-action";
import { inviteSignUpAction } from "../actions";

/** Sign-up from a link: the e-mail is the invited one (not a form field) and no project is asked for. */
export function InviteSignUpForm({ token, email, projectName }: { token: string; email: string; projectName: string }) {
  const { state, onSubmit, pending, fieldErrors, formError } = useFormAction(inviteSignUpAction, {
    onSuccess: ({ projectSlug, email: invited }, values) =>
      void signIn("credentials", { email: invited, password: values.get("password"), redirect: false }).then(() => window.location.assign(`/p/${projectSlug}/settings/api-keys`)),
  });
  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError message={formError} />
      <input type="hidden" name="token" value={token} />
      {/* No name: the invitation's address is not the form's to send. */}
      <TextField
        id="email"
        name={undefined}
        label="Email"
        hint="The invited address; the invitation works only for it."
        type="email"
        value={email}
        readOnly
        autoComplete="username"
        className="bg-zinc-50 text-zinc-600"
      />
      <TextField id="name" label="Name" type="text" autoComplete="name" required errors={fieldErrors?.name} />
      <PasswordField label="Password" hint={NEW_PASSWORD_HINT} errors={fieldErrors?.password} autoComplete="new-password" />
      <Button type="submit" className="w-full" disabled={pending || Boolean(state?.ok)}>
        {pending || state?.ok ? "Creating account…" : `Create account and join ${projectName}`}
      </Button>
    </form>
  );
}
