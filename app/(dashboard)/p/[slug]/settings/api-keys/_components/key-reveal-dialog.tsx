"use client";
import { useEffect, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { CopyButton } from "@/components/copy-button";
import { RevealDoneFooter } from "@/components/reveal-done-footer";
import { useLeaveGuard } from "@/components/use-leave-guard";

/** `revealableLater`: kept encrypted, so it can be shown again (publishable keys, or secret keys where the project opted in). */
export type RevealedKey = { name: string; kind: string; secret: string; revealableLater: boolean };

/** The variable the key goes in, for "Copy as .env line". */
const ENV_VARIABLE = "LATCHKEY_API_KEY";

/**
 * Shows a key once. The secret lives only in this component's state: never a URL, storage or
 * log. A secret key shown for the only time is guarded on every exit until it is copied (any of
 * the three copy buttons): Done, Escape and a click outside ask in the dialog, Back asks the same,
 * reload and closing the tab get the browser's own prompt. Once copied, Escape closes it.
 */
export function KeyRevealDialog({ revealed, onClose }: { revealed: RevealedKey | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [origin, setOrigin] = useState("http://localhost:3000");
  useEffect(() => setOrigin(window.location.origin), []);
  useEffect(() => {
    setCopied(false);
    setConfirming(false);
  }, [revealed]);

  const secret = revealed?.kind === "sk";
  const onlyNow = secret && !revealed?.revealableLater;
  const guarded = revealed !== null && onlyNow && !copied;
  const ask = () => setConfirming(true);
  const close = () => (guarded ? ask() : onClose());
  const markCopied = () => {
    setCopied(true);
    setConfirming(false);
  };
  useLeaveGuard(guarded, ask);
  const curl = revealed ? `curl ${origin}/api/v1/me \\\n  -H "Authorization: Bearer ${revealed.secret}"` : "";

  return (
    <Dialog open={revealed !== null} onOpenChange={(open) => !open && close()} title="Copy your API key" description={revealed ? <>Key “{revealed.name}” is ready to use.</> : undefined} wide>
      {revealed && (
        <div className="space-y-5">
          {onlyNow ? (
            <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <strong>Copy this key now.</strong> For your security it will not be shown again. If you lose it, rotate or create a new key.
            </p>
          ) : secret ? (
            <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <strong>Keep this key secret.</strong> This project keeps secret keys revealable: an owner can show it again after confirming it&apos;s them, and every reveal is recorded in the audit
              log.
            </p>
          ) : (
            <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">
              This is a publishable key: it is safe in browser code, and you can reveal it again from the key&apos;s menu.
            </p>
          )}
          <div>
            <label htmlFor="revealed-key" className="block text-sm font-medium text-zinc-800">
              API key
            </label>
            <div className="mt-1 flex gap-2">
              <input
                id="revealed-key"
                readOnly
                value={revealed.secret}
                onFocus={(e) => e.currentTarget.select()}
                className="block w-full rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm text-zinc-900"
                spellCheck={false}
                autoComplete="off"
              />
              <CopyButton value={revealed.secret} onCopied={markCopied} />
            </div>
          </div>
          <div>
            <p className="text-sm font-medium text-zinc-800">Try it</p>
            <pre className="mt-1 whitespace-pre-wrap rounded-md bg-[#18181b] p-3 ring-1 ring-[#3f3f46] [overflow-wrap:anywhere] font-mono text-xs leading-relaxed text-[#f4f4f5]">
              <code>{curl}</code>
            </pre>
            <div className="mt-2 flex flex-wrap gap-2">
              <CopyButton value={curl} label="Copy curl" onCopied={markCopied} />
              <CopyButton value={`${ENV_VARIABLE}=${revealed.secret}`} label="Copy as .env line" onCopied={markCopied} />
            </div>
          </div>
          <RevealDoneFooter confirming={confirming} warning="You haven't copied the key." onDone={close} onBack={() => setConfirming(false)} onCloseAnyway={onClose} />
        </div>
      )}
    </Dialog>
  );
}
