"use client";
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { inputClass } from "@/components/ui/field";
import { identifyKeyAction } from "../find-key-action";

/**
 * "Find a key": paste a whole key (a leaked one) to open its page. The key goes to the server in the
 * action's POST body, never into the address, and the field is emptied once it has been checked.
 */
export function FindKey({ projectSlug }: { projectSlug: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const key = input.current?.value ?? "";
    setError(undefined);
    startTransition(async () => {
      const result = await identifyKeyAction(null, { projectSlug, key });
      if (input.current) input.current.value = "";
      if (result.ok) router.push(`/p/${projectSlug}/settings/api-keys/${result.data.id}`);
      else {
        setError(result.error.message);
        input.current?.focus();
      }
    });
  }

  return (
    <form onSubmit={submit} className="space-y-1">
      <label htmlFor="find-key" className="block text-xs font-medium text-zinc-700">
        Find a key
      </label>
      <div className="flex max-w-xl gap-2">
        <input
          ref={input}
          id="find-key"
          name="key"
          type="text"
          required
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder="Paste a whole key: lk_sk_…"
          aria-describedby="find-key-hint find-key-error"
          aria-invalid={error ? true : undefined}
          onChange={() => setError(undefined)}
          className={`font-mono ${inputClass}`}
        />
        <button
          type="submit"
          disabled={pending}
          className="h-9 shrink-0 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-700 shadow-sm hover:bg-zinc-50 disabled:text-zinc-400"
        >
          {pending ? "Finding…" : "Find"}
        </button>
      </div>
      <p id="find-key-hint" className="text-xs text-zinc-500">
        Found a key somewhere it should not be? Paste it to open its page. It is checked by its hash and never stored.
      </p>
      <div id="find-key-error" aria-live="polite">
        {error && <p className="text-sm text-red-700">{error}</p>}
      </div>
    </form>
  );
}
