"use client";
import { CopyButton } from "@/components/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, inputClass } from "@/components/ui/field";

export type InviteLinkState = { email: string; link?: string; error?: string };

/** The invite link to hand over another way than the mail; only the invited e-mail can use it. */
export function InviteLinkDialog({ state, onClose }: { state: InviteLinkState | null; onClose: () => void }) {
  return (
    <Dialog open={state !== null} onOpenChange={(open) => !open && onClose()} title="Invite link" description={state ? `For ${state.email}` : undefined}>
      {state?.error && <FormError message={state.error} />}
      {state?.link && (
        <div className="space-y-3">
          <label htmlFor="invite-link" className="block text-sm font-medium text-zinc-800">
            Invite link
          </label>
          <div className="flex gap-2">
            <input id="invite-link" readOnly value={state.link} className={inputClass} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={state.link} />
          </div>
          <p className="text-xs text-zinc-500">It works once, only for {state.email}, until it expires or the invitation is resent. Share it only with that person.</p>
        </div>
      )}
      <div className="mt-5 flex justify-end">
        <button type="button" onClick={onClose} className="text-sm font-medium text-zinc-600 hover:text-zinc-900">
          Close
        </button>
      </div>
    </Dialog>
  );
}
