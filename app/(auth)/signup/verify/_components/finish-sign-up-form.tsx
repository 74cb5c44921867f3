"use client";
import { useEffect, useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { PasswordField } from "@/components/ui/password-field";
import { FormError } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import { finishSignUpAction } from "../../actions";

export function FinishSignUpForm() {
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => {
    const read = () => setToken(window.location.hash.slice(1));
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  const { state, onSubmit, pending, fieldErrors, formError } = useFormAction(finishSignUpAction, {
    onSuccess: ({ email, projectSlug }, values) =>
      void signIn("credentials", { email, password: values.get("password"), redirect: false }).then(() => window.location.assign(`/p/${projectSlug}/settings/api-keys`)),
  });

  if (token === "") {
    return (
      <p role="alert" className="mt-6 text-sm text-red-600">
        This page needs the link from your e-mail. Open it exactly as it was sent, or{" "}
        <Link href="/signup" className="underline">
          sign up again
        </Link>
        .
      </p>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError message={formError} />
      <input type="hidden" name="token" value={token ?? ""} />
      <PasswordField label="Password" errors={fieldErrors?.password} autoComplete="current-password" />
      <Button type="submit" className="w-full" disabled={token === null || pending || Boolean(state?.ok)}>
        {pending || state?.ok ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
