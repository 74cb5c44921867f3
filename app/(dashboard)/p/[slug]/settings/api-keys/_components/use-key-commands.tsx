"use client";
import { useCallback, useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/toast";
import type { KeyRow } from "@/lib/keys/queries";
import { useFreshAuth } from "@/app/(dashboard)/_components/confirm-identity/use-fresh-auth";
import { deleteKeyAction, disableKeyAction, enableKeyAction, revealKeyAction, revokeKeyAction } from "../actions";
import type { KeyCommand } from "./key-commands";
import { useKeyDialogs } from "./key-dialogs";
import { EditKeyDialog } from "./edit-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";
import type { ChannelOption } from "./key-settings-fields";

const CONFIRM = {
  disable: {
    title: "Disable API key",
    label: "Disable",
    text: (name: string) => `“${name}” will be refused (401 key_disabled) from its next request, everywhere, until you enable it again.`,
    action: disableKeyAction,
    done: (name: string) => `Key “${name}” disabled.`,
  },
  revoke: {
    title: "Revoke API key",
    label: "Revoke",
    text: (name: string) => `“${name}” will stop working immediately, everywhere. This cannot be undone; the key stays listed under the status “Revoked”.`,
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
type Confirmed = keyof typeof CONFIRM;

type Options = { projectSlug: string; channels: ChannelOption[]; onDeleted?: (key: KeyRow) => void };

/**
 * Runs a key's commands (the row menu's and the key page's header's): Edit and Rotate open their
 * dialogs, Disable, Revoke and Delete ask first, Enable runs at once, Reveal asks "Confirm it's you"
 * when the server needs it. Render `dialogs` once, and `error` where the commands are.
 */
export function useKeyCommands({ projectSlug, channels, onDeleted }: Options) {
  const { reveal } = useKeyDialogs();
  const [editing, setEditing] = useState<KeyRow | null>(null);
  const [rotating, setRotating] = useState<KeyRow | null>(null);
  const [confirm, setConfirm] = useState<{ command: Confirmed; key: KeyRow } | null>(null);
  const [error, setError] = useState<{ where: "commands" | "confirm"; message: string }>();
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  // A secret key's reveal needs sudo mode: the server asks, "Confirm it's you" answers, the reveal retries.
  const { withFreshAuth, confirmDialog } = useFreshAuth();

  const run = useCallback(
    (command: KeyCommand, key: KeyRow) => {
      setError(undefined);
      if (command === "edit") setEditing(key);
      else if (command === "rotate") setRotating(key);
      else if (command === "reveal") {
        startTransition(async () => {
          const result = await withFreshAuth(revealKeyAction)(null, { projectSlug, id: key.id });
          if (result.ok) reveal(result.data);
          else setError({ where: "commands", message: result.error.message });
        });
      } else if (command === "enable") {
        startTransition(async () => {
          const result = await enableKeyAction(null, { projectSlug, id: key.id });
          if (result.ok) toast(`Key “${key.name}” enabled.`);
          else setError({ where: "commands", message: result.error.message });
        });
      } else setConfirm({ command, key });
    },
    [projectSlug, reveal, withFreshAuth, toast],
  );

  function runConfirmed() {
    if (!confirm) return;
    startTransition(async () => {
      const result = await CONFIRM[confirm.command].action(null, { projectSlug, id: confirm.key.id });
      if (!result.ok) return setError({ where: "confirm", message: result.error.message });
      setConfirm(null);
      toast(CONFIRM[confirm.command].done(confirm.key.name));
      if (confirm.command === "delete") onDeleted?.(confirm.key);
    });
  }

  const shown = confirm && CONFIRM[confirm.command];
  const dialogs = (
    <>
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
  const errorMessage = error?.where === "commands" && (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {error.message}
    </p>
  );
  return { run, dialogs, error: errorMessage || null };
}
