"use client";
import { useEffect, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { FormActions } from "@/components/ui/form-actions";
import type { ActionError } from "@/lib/action-result";
import { confirmIdentityAction, identityMethodAction } from "./actions";

type Method = "password" | "totp";

const DESCRIPTION: Record<Method, string> = {
  password: "Enter your password to continue. You won't be asked again for 10 minutes.",
  totp: "Enter the 6-digit code from your authenticator app, or a recovery code. You won't be asked again for 10 minutes.",
};

/** Asks for the password, or a two-factor code once two-factor is on, before a sensitive act. */
export function ConfirmIdentityDialog({ open, onDone }: { open: boolean; onDone: (confirmed: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onDone(false)} title="Confirm it's you" description="This is a sensitive step.">
      {open && <ConfirmForm onDone={onDone} />}
    </Dialog>
  );
}

// Plain state rather than useActionState: this form is submitted while the sensitive act that
// asked for it is still awaiting it inside a transition, and React holds the updates of a second
// transition until the first one ends, so a transition here would never show its result.
function ConfirmForm({ onDone }: { onDone: (confirmed: boolean) => void }) {
  const [method, setMethod] = useState<Method | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ActionError>();
  const fieldErrors = error?.fieldErrors;
  const formError = error && !fieldErrors ? error.message : undefined;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await confirmIdentityAction(null, form).catch(() => null);
    setPending(false);
    if (result?.ok) return onDone(true);
    setError(result ? result.error : { code: "internal", message: "Something went wrong. Please try again." });
  }
  useEffect(() => {
    let live = true;
    identityMethodAction(null, {}).then((result) => {
      if (!live) return;
      if (result.ok) setMethod(result.data);
      else setLoadError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, []);
  if (!method) return loadError ? <FormError message={loadError} /> : <p className="text-sm text-zinc-500">Loading…</p>;
  const field = method === "totp" ? "code" : "password";
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <p className="text-sm text-zinc-600">{DESCRIPTION[method]}</p>
      <FormError message={formError} />
      <TextField
        id="confirm-identity-secret"
        name={field}
        label={method === "totp" ? "Authentication code" : "Password"}
        type={method === "totp" ? "text" : "password"}
        inputMode={method === "totp" ? "numeric" : undefined}
        autoComplete={method === "totp" ? "one-time-code" : "current-password"}
        autoFocus
        required
        errors={fieldErrors?.[field]}
      />
      <FormActions submitLabel="Confirm" pending={pending} onCancel={() => onDone(false)} />
    </form>
  );
}
