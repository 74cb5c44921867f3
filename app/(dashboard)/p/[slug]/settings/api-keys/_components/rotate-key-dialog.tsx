"use client";
import { RadioGroup } from "radix-ui";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { useFormAction } from "@/components/use-form-action";
import type { KeyRow } from "@/lib/keys/queries";
import { rotateKeyAction } from "../actions";
import type { RevealedKey } from "./key-reveal-dialog";

const GRACE = [
  ["now", "Now"],
  ["1h", "In 1 hour"],
  ["24h", "In 24 hours"],
  ["48h", "In 48 hours"],
  ["7d", "In 7 days"],
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
      <fieldset>
        <legend id="rotate-grace-label" className="text-sm font-medium text-zinc-800">
          Old key stops working
        </legend>
        <RadioGroup.Root name="grace" defaultValue="24h" aria-labelledby="rotate-grace-label" className="mt-2 space-y-2">
          {GRACE.map(([value, label]) => (
            <label key={value} className="flex cursor-pointer items-center gap-3 text-sm">
              <RadioGroup.Item
                value={value}
                aria-labelledby={`rotate-grace-${value}`}
                className="flex h-4 w-4 items-center justify-center rounded-full border border-zinc-400 bg-white data-[state=checked]:border-brand-600"
              >
                <RadioGroup.Indicator className="h-2 w-2 rounded-full bg-brand-600" />
              </RadioGroup.Item>
              <span id={`rotate-grace-${value}`}>{label}</span>
            </label>
          ))}
        </RadioGroup.Root>
      </fieldset>
      <FormActions submitLabel="Rotate" pending={pending} onCancel={onClose} />
    </form>
  );
}
