"use client";
import { CopyButton } from "@/components/copy-button";
import { Button } from "@/components/ui/button";

/** The ten recovery codes, shown once (only their hashes are kept), until the person says they saved them. */
export function RecoveryCodesList({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  return (
    <section aria-labelledby="recovery-codes-heading" className="rounded-lg border border-amber-200 bg-amber-50 p-5">
      <h2 id="recovery-codes-heading" className="text-base font-semibold text-zinc-900">
        Save your recovery codes
      </h2>
      <p className="mt-1 text-sm text-zinc-700">
        If you lose your phone, each of these codes signs you in once instead of a code from the app. They are shown only now: keep them somewhere safe, such as your password manager.
      </p>
      <ul aria-label="Recovery codes" className="mt-4 grid grid-cols-2 gap-2 font-mono text-sm text-zinc-900">
        {codes.map((code) => (
          <li key={code} className="rounded bg-white px-3 py-1.5 ring-1 ring-zinc-200">
            {code}
          </li>
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <CopyButton value={codes.join("\n")} label="Copy codes" />
        <Button onClick={onSaved}>I have saved these codes</Button>
      </div>
    </section>
  );
}
