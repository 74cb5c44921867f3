"use client";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { FormActions } from "@/components/ui/form-actions";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/use-form-action";
import { createKeyAction } from "../actions";
import { KeySettingsFields, type ChannelOption } from "./key-settings-fields";
import { RateLimitField } from "./rate-limit-field";
import { KeyRestrictionsFields } from "./key-restrictions-fields";
import { checkKeyForm } from "./restriction-form";
import type { RevealedKey } from "./key-reveal-dialog";
import { allowedExpiryChoices, latestExpiry, type KeyPolicy } from "@/lib/keys/policy";
import type { EXPIRY_CHOICES } from "@/lib/keys/schemas";

const EXPIRY_LABELS: Record<(typeof EXPIRY_CHOICES)[number], string> = { never: "Never", "30": "In 30 days", "60": "In 60 days", "90": "In 90 days", custom: "On a date…" };

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  projectSlug: string;
  channels: ChannelOption[];
  policy: KeyPolicy;
  onCreated: (key: RevealedKey) => void;
};

// Radix unmounts a closed dialog's content, so every opening starts with a fresh form and state.
export function CreateKeyDialog({ open, onOpenChange, projectSlug, channels, policy, onCreated }: Props) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Create API key" description="The key is usable as soon as it is created. Give it the least access it needs." wide>
      <CreateKeyForm projectSlug={projectSlug} channels={channels} policy={policy} onCreated={onCreated} onCancel={() => onOpenChange(false)} />
    </Dialog>
  );
}

function CreateKeyForm({ projectSlug, channels, policy, onCreated, onCancel }: Omit<Props, "open" | "onOpenChange"> & { onCancel: () => void }) {
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(createKeyAction, {
    onSuccess: (data) => onCreated(data),
    toast: (data) => `Key “${data.name}” created.`,
    check: checkKeyForm,
  });
  // The key policy decides which expiry choices are offered, for the role chosen (SPEC §15).
  const [role, setRole] = useState("support");
  const choices = allowedExpiryChoices(policy, role);
  const [chosen, setExpires] = useState<string>(choices[0]);
  const expires = (choices as string[]).includes(chosen) ? chosen : choices[0];
  const latest = latestExpiry(policy, new Date());
  const trackRole = (event: React.FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.name === "role") setRole(target.value);
  };

  return (
    <form method="post" onSubmit={onSubmit} onChange={trackRole} noValidate className="space-y-5">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <FormError message={formError} />
      <KeySettingsFields idPrefix="create" projectSlug={projectSlug} channels={channels} errors={fieldErrors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="create-expires" label="Expires" errors={fieldErrors?.expires}>
          {(describedBy) => (
            <select
              id="create-expires"
              name="expires"
              value={expires}
              onChange={(e) => setExpires(e.target.value)}
              className={inputClass}
              aria-invalid={Boolean(fieldErrors?.expires)}
              aria-describedby={describedBy}
            >
              {choices.map((choice) => (
                <option key={choice} value={choice}>
                  {EXPIRY_LABELS[choice]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {expires === "custom" && (
          <TextField
            id="create-expires-on"
            name="expiresOn"
            type="date"
            label="Expiry date"
            hint={`The key stops working at the end of that day (UTC).${latest ? ` The project's key policy allows up to ${latest.toISOString().slice(0, 10)}.` : ""}`}
            min={new Date().toISOString().slice(0, 10)}
            max={latest?.toISOString().slice(0, 10)}
            errors={fieldErrors?.expiresOn}
          />
        )}
        <RateLimitField id="create-rate-limit" errors={fieldErrors?.rateLimit} />
      </div>
      <KeyRestrictionsFields idPrefix="create" publishable={role === "client"} errors={fieldErrors} />
      <FormActions submitLabel="Create" pending={pending} onCancel={onCancel} />
    </form>
  );
}
