"use client";
import { useCallback, useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/toast";
import type { KeyRow } from "@/lib/keys/queries";
import { deleteKeyAction, revealKeyAction, revokeKeyAction } from "../actions";
import { KeyRowMenu, type KeyCommand } from "./key-row-menu";
import { EditKeyDialog } from "./edit-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";
import { useFreshAuth } from "@/app/(dashboard)/_components/confirm-identity/use-fresh-auth";
import { useKeyDialogs } from "./key-dialogs";
import { KeysTable } from "./keys-table";
import type { ChannelOption } from "./key-settings-fields";

const CONFIRM = {
  revoke: {
    title: "Revoke API key",
    label: "Revoke",
    text: (name: string) => `“${name}” will stop working immediately, everywhere. This cannot be undone; the key stays in the list, marked revoked.`,
    action: revokeKeyAction,
    done: (name: string) => `Key “${name}” revoked.`,
  },
  delete: {
    title: "Delete API key",
    label: "Delete",
    text: (name: string) => `“${name}” will be removed from the list. Its audit entries stay. Any request still using it will fail.`,
    action: deleteKeyAction,
    done: (name: string) => `Key “${name}” deleted.`,
  },
} as const;

/** The table with row menus and their dialogs, for owners and admins. */
export function ManagedKeysTable({ keys, projectSlug, channels }: { keys: KeyRow[]; projectSlug: string; channels: ChannelOption[] }) {
  const { reveal } = useKeyDialogs();
  const [editing, setEditing] = useState<KeyRow | null>(null);
  const [rotating, setRotating] = useState<KeyRow | null>(null);
  const [confirm, setConfirm] = useState<{ command: keyof typeof CONFIRM; key: KeyRow } | null>(null);
  const [error, setError] = useState<{ where: "menu" | "confirm"; message: string }>();
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  // A secret key's reveal needs sudo mode: the server asks, "Confirm it's you" answers, the reveal retries.
  const { withFreshAuth, confirmDialog } = useFreshAuth();

  const onCommand = useCallback(
    (command: KeyCommand, key: KeyRow) => {
      setError(undefined);
      if (command === "edit") setEditing(key);
      else if (command === "rotate") setRotating(key);
      else if (command === "reveal") {
        startTransition(async () => {
          const result = await withFreshAuth(revealKeyAction)(null, { projectSlug, id: key.id });
          if (result.ok) reveal(result.data);
          else setError({ where: "menu", message: result.error.message });
        });
      } else setConfirm({ command, key });
    },
    [projectSlug, reveal, withFreshAuth],
  );

  function runConfirmed() {
    if (!confirm) return;
    startTransition(async () => {
      const { action, done } = CONFIRM[confirm.command];
      const result = await action(null, { projectSlug, id: confirm.key.id });
      if (result.ok) {
        setConfirm(null);
        toast(done(confirm.key.name));
      }
      else setError({ where: "confirm", message: result.error.message });
    });
  }

  const shown = confirm && CONFIRM[confirm.command];
  return (
    <>
      {error?.where === "menu" && (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {error.message}
        </p>
      )}
      <KeysTable keys={keys} projectSlug={projectSlug} actions={(key) => <KeyRowMenu apiKey={key} onCommand={onCommand} />} />
      <EditKeyDialog apiKey={editing} onClose={() => setEditing(null)} projectSlug={projectSlug} channels={channels} />
      <RotateKeyDialog
        apiKey={rotating}
        projectSlug={projectSlug}
        onClose={() => setRotating(null)}
        onRotated={(key) => {
          setRotating(null);
          reveal(key);
        }}
      />
      {confirmDialog}
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={shown?.title ?? ""}
        description={confirm && shown ? shown.text(confirm.key.name) : ""}
        confirmLabel={shown?.label ?? ""}
        onConfirm={runConfirmed}
        pending={pending}
        error={error?.where === "confirm" ? error.message : undefined}
      />
    </>
  );
}
