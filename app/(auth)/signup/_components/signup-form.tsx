"use client";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { NEW_PASSWORD_HINT } from "@/components/ui/password-field";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/use-form-action";
import { signUpAction } from "../actions";

function CheckInbox({ email }: { email: string }) {
  return (
    <div role="status" className="mt-6 rounded-md border border-zinc-200 bg-zinc-50 p-4 text-sm text-zinc-700">
      <h2 className="font-semibold text-zinc-900">Check your inbox</h2>
      <p className="mt-1">
        We sent an e-mail to <strong className="break-all">{email}</strong>. Open the link in it within 24 hours to finish creating your account.
      </p>
      <p className="mt-2">Nothing there after a few minutes? Look in your spam folder, or sign up again.</p>
    </div>
  );
}

const FIELDS = [
  { name: "name", label: "Name", type: "text", autoComplete: "name" },
  { name: "email", label: "Email", type: "email", autoComplete: "email" },
  { name: "password", label: "Password", type: "password", autoComplete: "new-password", hint: NEW_PASSWORD_HINT },
  { name: "projectName", label: "Project name", type: "text", autoComplete: "organization" },
] as const;

export function SignUpForm() {
  const { state, onSubmit, pending, fieldErrors, formError } = useFormAction(signUpAction, {
    onSuccess: (outcome, values) => {
      if (outcome.kind !== "created") return;
      void signIn("credentials", { email: values.get("email"), password: values.get("password"), redirect: false }).then(() => window.location.assign(`/p/${outcome.projectSlug}/settings/api-keys`));
    },
  });

  if (state?.ok && state.data.kind === "check_inbox") return <CheckInbox email={state.data.email} />;

  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError message={formError} />
      {FIELDS.map((f) => (
        <TextField key={f.name} id={f.name} label={f.label} hint={"hint" in f ? f.hint : undefined} type={f.type} autoComplete={f.autoComplete} required errors={fieldErrors?.[f.name]} />
      ))}
      <Button type="submit" className="w-full" disabled={pending || Boolean(state?.ok)}>
        {pending || state?.ok ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
