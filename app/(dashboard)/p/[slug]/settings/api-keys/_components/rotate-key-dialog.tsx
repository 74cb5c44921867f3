"use client";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { RadioCards } from "@/components/ui/radio-cards";
import { useFormAction } from "@/components/use-form-action";
import type { KeyRow } from "@/lib/keys/queries";
import { rotateKeyAction } from "../actions";
import type { RevealedKey } from "./key-reveal-dialog";

const GRACE = [
  { value: "now", label: "Now", description: "Calls with the old key fail at once: for a leaked key." },
  { value: "1h", label: "In 1 hour", description: "Time to deploy the new key to one service." },
  { value: "24h", label: "In 24 hours", description: "A day to roll the new key out everywhere." },
  { value: "48h", label: "In 48 hours", description: "Two days, for slower deploys." },
  { value: "7d", label: "In 7 days", description: "A week, for clients you do not deploy yourself." },
] as const;

type Props = { apiKey: KeyRow | null; projectSlug: string; onClose: () => void; onRotated: (key: RevealedKey) => void };

/** "Rotate API key": a replacement with the same settings; the old key works until the grace ends. */
export function RotateKeyDialog({ apiKey, projectSlug, onClose, onRotated }: Props) {
  return (
    <Dialog
      open={apiKey !== null}
      onOpenChange={(open) => !open && onClose()}
      title="Rotate API key"
      description={apiKey ? <>A new key with the same settings replaces “{apiKey.name}”. Deploy it, then let the old one stop.</> : undefined}
    >
      {apiKey && <RotateKeyForm key={apiKey.id} apiKey={apiKey} projectSlug={projectSlug} onClose={onClose} onRotated={onRotated} />}
    </Dialog>
  );
}

function RotateKeyForm({ apiKey, projectSlug, onClose, onRotated }: Props & { apiKey: KeyRow }) {
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(rotateKeyAction, { onSuccess: (data) => onRotated(data), toast: `Key “${apiKey.name}” rotated.` });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <input type="hidden" name="id" value={apiKey.id} />
      <FormError message={formError ?? fieldErrors?.grace?.[0]} />
      <RadioCards idPrefix="rotate-grace" name="grace" legend="Old key stops working" defaultValue="24h" options={GRACE} className="sm:grid-cols-2" />
      <FormActions submitLabel="Rotate" pending={pending} onCancel={onClose} />
    </form>
  );
}
