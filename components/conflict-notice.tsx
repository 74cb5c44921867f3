"use client";
import { useEffect, useRef } from "react";
import type { EditConflictDetails } from "@/lib/action-result";
import { Button } from "./ui/button";
import { RelativeTime } from "./relative-time";

/**
 * A stale edit's refusal (SPEC §6): "This key changed since you opened it", who changed it and
 * when, and "Reload", which puts the current values in the form. Nothing was saved.
 */
export function ConflictNotice({ what, conflict, onReload, reloading, reloadError }: { what: string; conflict: EditConflictDetails; onReload: () => void; reloading: boolean; reloadError?: string }) {
  // It sits above the form, out of view in a scrolled dialog after Save: take the focus (and the view) to its way out.
  const reload = useRef<HTMLButtonElement>(null);
  useEffect(() => reload.current?.focus(), []);
  return (
    <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p className="font-semibold">This {what} changed since you opened it</p>
      <p>
        {conflict.by ?? "Someone"} changed it {conflict.at ? <RelativeTime date={conflict.at} /> : "meanwhile"}. Nothing of yours was saved: reload to see the {what} as it is now, then make your
        change again.
      </p>
      <Button ref={reload} variant="secondary" size="sm" onClick={onReload} disabled={reloading} aria-busy={reloading}>
        Reload
      </Button>
      {reloadError && <p className="text-red-700">{reloadError}</p>}
    </div>
  );
}
