"use client";
import { Dialog } from "@/components/ui/dialog";
import { CopyButton } from "@/components/copy-button";
import { RevealDoneFooter, useRevealClose } from "@/components/reveal-done-footer";

export type RevealedEndpoint = { id: string; url: string; secret: string };

/**
 * Shows a new endpoint's signing secret once. Like the key reveal, the secret lives only in this
 * component's state (never a URL, storage or log), and closing before copying it asks first.
 */
export function SecretRevealDialog({ revealed, onClose }: { revealed: RevealedEndpoint | null; onClose: () => void }) {
  const { setCopied, confirming, setConfirming, close } = useRevealClose(revealed, onClose);

  return (
    <Dialog
      open={revealed !== null}
      onOpenChange={(open) => !open && close()}
      dismissible={false}
      title="Copy your signing secret"
      description={revealed ? <span className="break-all">Endpoint {revealed.url} is added.</span> : undefined}
      wide
    >
      {revealed && (
        <div className="space-y-5">
          <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <strong>Copy the signing secret now.</strong> For your security it will not be shown again. If you lose it, delete the endpoint and add it again.
          </p>
          <div>
            <label htmlFor="revealed-signing-secret" className="block text-sm font-medium text-zinc-800">
              Signing secret
            </label>
            <div className="mt-1 flex gap-2">
              <input
                id="revealed-signing-secret"
                readOnly
                value={revealed.secret}
                onFocus={(e) => e.currentTarget.select()}
                className="block w-full min-w-0 rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm text-zinc-900"
                spellCheck={false}
                autoComplete="off"
              />
              <CopyButton value={revealed.secret} onCopied={() => setCopied(true)} what="signing secret" />
            </div>
            <p className="mt-2 text-xs text-zinc-600">
              Verify each delivery with a Standard Webhooks library, e.g. <code className="font-mono">new Webhook(secret).verify(body, headers)</code> from the{" "}
              <code className="font-mono">standardwebhooks</code> package.
            </p>
          </div>
          <RevealDoneFooter confirming={confirming} warning="You have not copied the signing secret." onDone={close} onBack={() => setConfirming(false)} onCloseAnyway={onClose} />
        </div>
      )}
    </Dialog>
  );
}
