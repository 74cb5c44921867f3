import { Button } from "./button";

/**
 * A form's footer: Cancel and the submit button, which names the action ("Create", "Save"). In a
 * dialog's body (components/ui/dialog.tsx) it sticks to the bottom edge, so the submit button stays
 * in view however long the form (SPEC §6); it must then be the form's last element. Its negative
 * margins and bottom offset cancel the body's padding (a sticky box stops at the padding edge).
 */
export function FormActions({ submitLabel, pending, onCancel }: { submitLabel: string; pending: boolean; onCancel: () => void }) {
  return (
    <div className="flex justify-end gap-3 border-t border-zinc-100 pt-4 [[data-dialog-body]_&]:sticky [[data-dialog-body]_&]:-bottom-6 [[data-dialog-body]_&]:-mx-6 [[data-dialog-body]_&]:-mb-6 [[data-dialog-body]_&]:bg-white [[data-dialog-body]_&]:px-6 [[data-dialog-body]_&]:pb-4">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {submitLabel}
      </Button>
    </div>
  );
}
