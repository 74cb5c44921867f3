import { Button } from "./button";

/** A dialog form's footer: Cancel and the submit button, which names the action ("Create", "Save"). */
export function FormActions({ submitLabel, pending, onCancel }: { submitLabel: string; pending: boolean; onCancel: () => void }) {
  return (
    <div className="flex justify-end gap-3 border-t border-zinc-100 pt-4">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {submitLabel}
      </Button>
    </div>
  );
}
