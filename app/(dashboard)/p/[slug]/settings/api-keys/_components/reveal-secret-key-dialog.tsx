"use client";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { useFormAction } from "@/components/use-form-action";
import type { KeyRow } from "@/lib/keys/queries";
import { revealKeyAction } from "../actions";
import type { RevealedKey } from "./key-reveal-dialog";

type Props = { apiKey: KeyRow | null; projectSlug: string; onClose: () => void; onRevealed: (key: RevealedKey) => void };

/** "Reveal secret key": the owner enters their password again before a secret key is shown (SPEC §2). */
export function RevealSecretKeyDialog({ apiKey, projectSlug, onClose, onRevealed }: Props) {
  return (
    <Dialog
      open={apiKey !== null}
      onOpenChange={(open) => !open && onClose()}
      title="Reveal secret key"
      description={apiKey ? <>Enter your password to show “{apiKey.name}”. The reveal is recorded in the audit log.</> : undefined}
    >
      {apiKey && <RevealForm key={apiKey.id} apiKey={apiKey} projectSlug={projectSlug} onClose={onClose} onRevealed={onRevealed} />}
    </Dialog>
  );
}

function RevealForm({ apiKey, projectSlug, onClose, onRevealed }: Props & { apiKey: KeyRow }) {
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(revealKeyAction, { onSuccess: (data) => onRevealed(data) });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <input type="hidden" name="id" value={apiKey.id} />
      <FormError message={formError} />
      <Field id="reveal-password" label="Password" errors={fieldErrors?.password}>
        {(describedBy) => (
          <input
            id="reveal-password"
            name="password"
            type="password"
            autoComplete="current-password"
            autoFocus
            required
            aria-describedby={describedBy}
            aria-invalid={fieldErrors?.password ? true : undefined}
            className={inputClass}
          />
        )}
      </Field>
      <FormActions submitLabel="Reveal" pending={pending} onCancel={onClose} />
    </form>
  );
}
