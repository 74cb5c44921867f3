"use client";
import { useEffect, useRef } from "react";
import { Dialog } from "@/components/ui/dialog";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/use-form-action";
import { WEBHOOK_URL_MAX } from "@/lib/webhooks/schemas";
import { createEndpointAction } from "../actions";
import { EventPicker } from "./event-picker";
import type { RevealedEndpoint } from "./secret-reveal-dialog";

type Props = { open: boolean; onOpenChange: (open: boolean) => void; projectSlug: string; onAdded: (endpoint: RevealedEndpoint) => void };

// Radix unmounts a closed dialog's content, so every opening starts with a fresh form and state.
export function AddEndpointDialog({ open, onOpenChange, projectSlug, onAdded }: Props) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Add endpoint" description="Latchkey POSTs each event you choose to this URL, signed with the endpoint's own secret." wide>
      <AddEndpointForm projectSlug={projectSlug} onAdded={onAdded} onCancel={() => onOpenChange(false)} />
    </Dialog>
  );
}

/** "events" and "events.1" (one unknown item) both belong under the picker. */
const eventErrors = (fieldErrors?: Record<string, string[]>) => {
  const errors = Object.entries(fieldErrors ?? {}).flatMap(([field, messages]) => (field === "events" || field.startsWith("events.") ? messages : []));
  return errors.length ? [...new Set(errors)] : undefined;
};

function AddEndpointForm({ projectSlug, onAdded, onCancel }: Omit<Props, "open" | "onOpenChange"> & { onCancel: () => void }) {
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(createEndpointAction, { onSuccess: (data) => onAdded(data) });
  const form = useRef<HTMLFormElement>(null);
  // A refused submit focuses the first invalid field (the picker's first checkbox for events).
  useEffect(() => {
    if (!fieldErrors) return;
    form.current?.querySelector<HTMLElement>('input[aria-invalid="true"], fieldset[aria-invalid="true"] input')?.focus();
  }, [fieldErrors]);
  return (
    <form ref={form} method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <FormError message={formError} />
      <TextField
        id="endpoint-url"
        name="url"
        type="url"
        label="URL"
        placeholder="https://example.com/webhooks/latchkey"
        hint="An https:// address your service listens on. Private and loopback addresses are refused unless the operator allows them."
        maxLength={WEBHOOK_URL_MAX}
        autoComplete="off"
        spellCheck={false}
        errors={fieldErrors?.url}
      />
      <EventPicker idPrefix="endpoint" errors={eventErrors(fieldErrors)} />
      <FormActions submitLabel="Add endpoint" pending={pending} onCancel={onCancel} />
    </form>
  );
}
