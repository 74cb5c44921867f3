"use client";
import { useEffect, useRef } from "react";
import { Dialog } from "@/components/ui/dialog";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/use-form-action";
import { registerClientAction } from "../actions";
import { AuthMethodField } from "./auth-method-field";
import { ScopePicker } from "./scope-picker";
import type { RevealedClient } from "./client-reveal-dialog";

type Props = { open: boolean; onOpenChange: (open: boolean) => void; projectSlug: string; onRegistered: (client: RevealedClient) => void };

// Radix unmounts a closed dialog's content, so every opening starts with a fresh form and state.
export function RegisterClientDialog({ open, onOpenChange, projectSlug, onRegistered }: Props) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Register OAuth client"
      description="A machine trades the client's secret for tokens that last an hour. Give it the least scope it needs."
      wide
    >
      <RegisterClientForm projectSlug={projectSlug} onRegistered={onRegistered} onCancel={() => onOpenChange(false)} />
    </Dialog>
  );
}

/** "scopes" and "scopes.1" (one unknown item) both belong under the picker. */
const scopeErrors = (fieldErrors?: Record<string, string[]>) => {
  const errors = Object.entries(fieldErrors ?? {}).flatMap(([field, messages]) => (field === "scopes" || field.startsWith("scopes.") ? messages : []));
  return errors.length ? [...new Set(errors)] : undefined;
};

function RegisterClientForm({ projectSlug, onRegistered, onCancel }: Omit<Props, "open" | "onOpenChange"> & { onCancel: () => void }) {
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(registerClientAction, { onSuccess: (data) => onRegistered(data) });
  const form = useRef<HTMLFormElement>(null);
  // A refused submit focuses the first invalid field (the scope picker's first checkbox for scopes).
  useEffect(() => {
    if (!fieldErrors) return;
    const invalid = form.current?.querySelector<HTMLElement>('input[aria-invalid="true"], fieldset[aria-invalid="true"] input, [role="radiogroup"][aria-invalid="true"] button');
    invalid?.focus();
  }, [fieldErrors]);
  return (
    <form ref={form} method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <FormError message={formError} />
      <TextField id="register-name" name="name" label="Name" hint="Say which service uses it, e.g. “Billing sync”." maxLength={100} autoComplete="off" errors={fieldErrors?.name} />
      <ScopePicker idPrefix="register" errors={scopeErrors(fieldErrors)} />
      <AuthMethodField idPrefix="register" errors={fieldErrors?.authMethod} />
      <FormActions submitLabel="Register" pending={pending} onCancel={onCancel} />
    </form>
  );
}
