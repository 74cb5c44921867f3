import { CreateKeyButton } from "./key-dialogs";

export function KeysEmptyState({ canManage }: { canManage: boolean }) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-14 text-center">
      <div aria-hidden="true" className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-brand-50">
        <svg viewBox="0 0 24 24" className="h-6 w-6 text-brand-600" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="8" cy="12" r="4" />
          <path d="M12 12h9M18 12v3M21 12v2" />
        </svg>
      </div>
      <h2 className="mt-4 text-base font-semibold text-zinc-900">No API keys yet</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-zinc-600">
        An API key lets a program call this project&apos;s API. Each key has a role that limits what it can do and a scope that limits who it can reach. Secret keys are shown once; publishable keys
        are safe in browser code.
      </p>
      {canManage ? (
        <div className="mt-6">
          <CreateKeyButton />
        </div>
      ) : (
        <p className="mt-6 text-sm text-zinc-500">Ask a project admin or owner to create one.</p>
      )}
    </div>
  );
}
