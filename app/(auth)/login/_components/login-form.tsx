"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { TWO_FACTOR_NEEDED } from "@/lib/auth/two-factor-sign-in";
import { TwoFactorStep } from "./two-factor-step";

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [secondStep, setSecondStep] = useState<{ email: string; password: string } | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    if (result?.error === TWO_FACTOR_NEEDED) {
      setPending(false);
      return setSecondStep({ email: String(form.get("email")), password: String(form.get("password")) });
    }
    if (!result || result.error) {
      setPending(false);
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "The email or password is not correct.");
      return;
    }
    window.location.assign(next);
  }

  if (secondStep) return <TwoFactorStep {...secondStep} next={next} onBack={() => setSecondStep(null)} />;
  return (
    <form method="post" onSubmit={submit} className="mt-6 space-y-4" noValidate>
      <FormError message={error} />
      <TextField id="email" label="Email" type="email" autoComplete="email" required />
      <TextField id="password" label="Password" type="password" autoComplete="current-password" required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
