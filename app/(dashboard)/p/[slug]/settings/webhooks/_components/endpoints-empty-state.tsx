import { AddEndpointButton } from "./endpoint-dialogs";

export function EndpointsEmptyState({ canManage }: { canManage: boolean }) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-14 text-center">
      <div aria-hidden="true" className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-brand-50">
        <svg viewBox="0 0 24 24" className="h-6 w-6 text-brand-600" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 16.98h-5.99c-1.1 0-1.95.94-2.48 1.9A4 4 0 0 1 2 17c.01-.7.2-1.4.57-2" />
          <path d="m6 17 3.13-5.78c.53-.97.1-2.18-.5-3.1a4 4 0 1 1 6.89-4.06" />
          <path d="m12 6 3.13 5.73C15.66 12.7 16.9 13 18 13a4 4 0 0 1 0 8" />
        </svg>
      </div>
      <h2 className="mt-4 text-base font-semibold text-zinc-900">No webhook endpoints yet</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-zinc-600">
        An endpoint is told when this project&apos;s keys are created, rotated, revoked, disabled, about to expire, leaked or out of quota. Each delivery is signed (Standard Webhooks) and retried with
        back-off until your service answers 2xx; a payload never carries a secret.
      </p>
      {canManage ? (
        <div className="mt-6">
          <AddEndpointButton />
        </div>
      ) : (
        <p className="mt-6 text-sm text-zinc-500">Ask a project admin or owner to add one.</p>
      )}
    </div>
  );
}
