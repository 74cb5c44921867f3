"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/toast";
import type { KeyRow } from "@/lib/keys/queries";
import type { KeyFlag } from "@/lib/keys/hygiene";
import { revokeKeysAction } from "../actions";
import { KeyRowMenu } from "./key-row-menu";
import { KeysTable } from "./keys-table";
import { useKeyCommands } from "./use-key-commands";
import type { KeysSorting } from "./column-sort";
import type { ChannelOption } from "./key-settings-fields";

type Props = { keys: KeyRow[]; flags?: Record<string, KeyFlag[]>; projectSlug: string; channels: ChannelOption[]; sorting?: KeysSorting };

/** The table with row menus and their dialogs, for owners and admins, and a bulk revoke of the keys ticked on this page. */
export function ManagedKeysTable({ keys, flags, projectSlug, channels, sorting }: Props) {
  const { run, dialogs, error } = useKeyCommands({ projectSlug, channels });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [bulkError, setBulkError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  // Only keys still listed and not revoked count: a key revoked elsewhere drops out of the selection.
  const revocable = keys.filter((key) => key.status !== "revoked");
  const chosen = revocable.filter((key) => selected.has(key.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allChosen = revocable.length > 0 && chosen.length === revocable.length;

  function revokeChosen() {
    startTransition(async () => {
      setBulkError(undefined);
      const result = await revokeKeysAction(null, { projectSlug, ids: chosen.map((key) => key.id) });
      if (!result.ok) return setBulkError(result.error.message);
      setConfirming(false);
      setSelected(new Set());
      const { revoked, skipped } = result.data;
      toast(`${revoked} ${revoked === 1 ? "key" : "keys"} revoked.${skipped > 0 ? ` ${skipped} already revoked or deleted.` : ""}`);
    });
  }

  return (
    <>
      {error && <div className="mb-3">{error}</div>}
      {revocable.length > 0 && (
        <div role="group" aria-label="Bulk actions" className="mb-3 flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2 text-zinc-700">
            <input
              type="checkbox"
              checked={allChosen}
              onChange={() => setSelected(allChosen ? new Set() : new Set(revocable.map((key) => key.id)))}
              className="size-4 rounded border-zinc-300 text-brand-600 focus:ring-brand-500"
            />
            Select all on this page
          </label>
          {chosen.length > 0 && (
            <>
              <span className="text-zinc-600">{chosen.length} selected</span>
              <Button size="sm" variant="secondary" className="!text-red-700 hover:!bg-red-50" onClick={() => setConfirming(true)}>
                Revoke selected
              </Button>
            </>
          )}
        </div>
      )}
      <KeysTable keys={keys} flags={flags} projectSlug={projectSlug} sorting={sorting} selection={{ selected, toggle }} actions={(key) => <KeyRowMenu apiKey={key} onCommand={run} />} />
      {dialogs}
      <ConfirmDialog
        open={confirming}
        onOpenChange={(open) => {
          setConfirming(open);
          if (!open) setBulkError(undefined);
        }}
        title={`Revoke ${chosen.length} API ${chosen.length === 1 ? "key" : "keys"}`}
        description={
          <>
            These keys stop working immediately, everywhere. This cannot be undone.
            <ul className="mt-2 list-disc space-y-0.5 pl-5 text-zinc-800">
              {chosen.map((key) => (
                <li key={key.id} className="break-all">
                  {key.name} <span className="font-mono text-xs text-zinc-500">{key.preview}</span>
                </li>
              ))}
            </ul>
          </>
        }
        confirmLabel={`Revoke ${chosen.length}`}
        onConfirm={revokeChosen}
        pending={pending}
        error={bulkError}
      />
    </>
  );
}
