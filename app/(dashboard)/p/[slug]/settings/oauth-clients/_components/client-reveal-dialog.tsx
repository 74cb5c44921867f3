"use client";
import { Dialog } from "@/components/ui/dialog";
import { CopyButton } from "@/components/copy-button";
import { RevealDoneFooter, useRevealClose } from "@/components/reveal-done-footer";
import type { TokenEndpointAuthMethod } from "@/lib/oauth/auth-methods";

export type RevealedClient = { name: string; clientId: string; clientSecret: string; authMethod: TokenEndpointAuthMethod };

/** The token request in the client's own authentication method, the credentials left in variables. */
function tokenRequest(authMethod: TokenEndpointAuthMethod, tokenEndpoint: string) {
  const credentials = authMethod === "client_secret_post" ? `  -d client_id="$CLIENT_ID" -d client_secret="$CLIENT_SECRET" \\\n` : "";
  const basic = authMethod === "client_secret_basic" ? ` -u "$CLIENT_ID:$CLIENT_SECRET"` : "";
  return `curl${basic} \\\n  -d grant_type=client_credentials \\\n${credentials}  ${tokenEndpoint}`;
}

/**
 * Shows a new client's secret once. Like the key reveal, the secret lives only in this
 * component's state (never a URL, storage or log), and closing before copying it asks first.
 */
export function ClientRevealDialog({ revealed, tokenEndpoint, onClose }: { revealed: RevealedClient | null; tokenEndpoint: string; onClose: () => void }) {
  const { setCopied, confirming, setConfirming, close } = useRevealClose(revealed, onClose);
  const curl = revealed ? tokenRequest(revealed.authMethod, tokenEndpoint) : "";

  return (
    <Dialog
      open={revealed !== null}
      onOpenChange={(open) => !open && close()}
      dismissible={false}
      title="Copy your client secret"
      description={revealed ? <>Client “{revealed.name}” is registered.</> : undefined}
      wide
    >
      {revealed && (
        <div className="space-y-5">
          <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <strong>Copy the client secret now.</strong> For your security it will not be shown again. If you lose it, delete the client and register a new one.
          </p>
          <RevealedValue id="revealed-client-id" label="Client ID" value={revealed.clientId} />
          <RevealedValue id="revealed-client-secret" label="Client secret" value={revealed.clientSecret} onCopied={() => setCopied(true)} />
          <div>
            <div className="flex items-center justify-between gap-2">
              <p className="text-sm font-medium text-zinc-800">Get a token</p>
              <CopyButton value={curl} size="sm" what="token request" />
            </div>
            <pre className="mt-2 whitespace-pre-wrap rounded-md bg-[#18181b] p-3 ring-1 ring-[#3f3f46] [overflow-wrap:anywhere] font-mono text-xs leading-relaxed text-[#f4f4f5]">
              <code>{curl}</code>
            </pre>
            <p className="mt-2 text-xs text-zinc-600">
              With <code className="font-mono">CLIENT_ID</code> and <code className="font-mono">CLIENT_SECRET</code> set. The answer&apos;s <code className="font-mono">access_token</code> works for an
              hour: send it as <code className="font-mono">Authorization: Bearer</code>.
            </p>
          </div>
          <RevealDoneFooter confirming={confirming} warning="You have not copied the client secret." onDone={close} onBack={() => setConfirming(false)} onCloseAnyway={onClose} />
        </div>
      )}
    </Dialog>
  );
}

function RevealedValue({ id, label, value, onCopied }: { id: string; label: string; value: string; onCopied?: () => void }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm text-zinc-900"
          spellCheck={false}
          autoComplete="off"
        />
        <CopyButton value={value} onCopied={onCopied} what={label.toLowerCase()} />
      </div>
    </div>
  );
}
