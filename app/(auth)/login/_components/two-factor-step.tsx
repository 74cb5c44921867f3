"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";

type Props = { email: string; password: string; next: string; onBack: () => void };

/**
 * The second step of signing in with two-factor on: the code from the app, or a recovery code.
 * It signs in with e-mail, password and code together, so the password is checked again and
 * nothing is half-signed-in between the steps. The password is held only in this component's state.
 */
export function TwoFactorStep({ email, password, next, onBack }: Props) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!code) return setError("Enter the code from your authenticator app, or a recovery code.");
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", { email, password, code, redirect: false });
    if (!result || result.error) {
      setPending(false);
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "The email or password is not correct.");
      return;
    }
    window.location.assign(next);
  }

  return (
    <form method="post" onSubmit={submit} className="mt-6 space-y-4" noValidate>
      <p className="text-sm text-zinc-600">Two-factor sign-in is on for this account.</p>
      <FormError message={error} />
      <TextField
        id="code"
        label="Authentication code"
        hint="The 6-digit code from your authenticator app, or one of your recovery codes."
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        required
        maxLength={24}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Verifying…" : "Verify"}
      </Button>
      <button type="button" onClick={onBack} className="w-full text-center text-sm font-medium text-zinc-600 hover:text-zinc-900">
        Use another account
      </button>
    </form>
  );
}
