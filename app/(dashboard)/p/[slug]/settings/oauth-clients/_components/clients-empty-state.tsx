import { RegisterClientButton } from "./client-dialogs";

export function ClientsEmptyState({ canManage, discoveryUrl }: { canManage: boolean; discoveryUrl: string }) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-14 text-center">
      <div aria-hidden="true" className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-brand-50">
        <svg viewBox="0 0 24 24" className="h-6 w-6 text-brand-600" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <rect x="3" y="4" width="18" height="12" rx="2" />
          <path d="M8 20h8M12 16v4M8 10h.01M12 10h4" />
        </svg>
      </div>
      <h2 className="mt-4 text-base font-semibold text-zinc-900">No OAuth clients yet</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-zinc-600">
        An OAuth client lets a machine call this project&apos;s API without holding a long-lived key: it trades its client secret for a token that lasts an hour at the token endpoint, and asks only
        for the scopes it needs. Deleting the client stops its tokens at once.
      </p>
      <p className="mx-auto mt-2 max-w-md text-sm text-zinc-600">
        OAuth libraries find the endpoints in the server metadata:
        <a href={discoveryUrl} className="mt-1 block break-words font-mono text-xs text-brand-700 underline hover:text-brand-800">
          /.well-known/oauth-authorization-server
        </a>
      </p>
      {canManage ? (
        <div className="mt-6">
          <RegisterClientButton />
        </div>
      ) : (
        <p className="mt-6 text-sm text-zinc-500">Ask a project admin or owner to register one.</p>
      )}
    </div>
  );
}
