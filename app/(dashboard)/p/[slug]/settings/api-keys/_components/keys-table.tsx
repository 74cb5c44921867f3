"use client";
import { useCallback, useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/relative-time";
import { ROLE_INFO, type ApiRole } from "@/lib/permissions";
import type { KeyRow } from "@/lib/keys/queries";
import { deleteKeyAction, revealKeyAction, revokeKeyAction } from "../actions";
import { KeyRowMenu, type KeyCommand } from "./key-row-menu";
import { KeyStatusBadge } from "./key-status-badge";
import { EditKeyDialog } from "./edit-key-dialog";
import { KeyRevealDialog, type RevealedKey } from "./key-reveal-dialog";
import type { ChannelOption } from "./key-settings-fields";

type Props = { keys: KeyRow[]; projectSlug: string; channels: ChannelOption[]; canManage: boolean };

const COLUMNS = ["Name", "Role", "Scope", "Key", "Created", "Last used", "Expires", "Status"];

export function KeysTable({ keys, projectSlug, channels, canManage }: Props) {
  const [editing, setEditing] = useState<KeyRow | null>(null);
  const [confirm, setConfirm] = useState<{ command: "revoke" | "delete"; key: KeyRow } | null>(null);
  const [confirmError, setConfirmError] = useState<string>();
  const [revealed, setRevealed] = useState<RevealedKey | null>(null);
  const [menuError, setMenuError] = useState<string>();
  const [pending, startTransition] = useTransition();

  const onCommand = useCallback(
    (command: KeyCommand, key: KeyRow) => {
      setMenuError(undefined);
      if (command === "edit") setEditing(key);
      if (command === "revoke" || command === "delete") {
        setConfirmError(undefined);
        setConfirm({ command, key });
      }
      if (command === "reveal") {
        startTransition(async () => {
          const result = await revealKeyAction(null, { projectSlug, id: key.id });
          if (result.ok) setRevealed(result.data);
          else setMenuError(result.error.message);
        });
      }
    },
    [projectSlug],
  );

  function runConfirmed() {
    if (!confirm) return;
    const action = confirm.command === "revoke" ? revokeKeyAction : deleteKeyAction;
    startTransition(async () => {
      const result = await action(null, { projectSlug, id: confirm.key.id });
      if (result.ok) setConfirm(null);
      else setConfirmError(result.error.message);
    });
  }

  return (
    <>
      {menuError && (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {menuError}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-zinc-200 text-sm">
          <thead className="bg-zinc-50">
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className="whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500">
                  {c}
                </th>
              ))}
              {canManage && (
                <th scope="col" className="px-3 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {keys.map((key) => (
              <tr key={key.id} className={key.status === "active" ? "" : "bg-zinc-50/60 text-zinc-500"}>
                <td className="max-w-56 px-3 py-3">
                  <div className="truncate font-medium text-zinc-900">{key.name}</div>
                  {key.description && <div className="truncate text-xs text-zinc-500">{key.description}</div>}
                </td>
                <td className="px-3 py-3">
                  <Badge tone={key.role === "admin" ? "red" : key.role === "client" ? "gray" : "brand"}>
                    {ROLE_INFO[key.role as ApiRole]?.label ?? key.role}
                  </Badge>
                </td>
                <td className="px-3 py-3">
                  {key.scope === "all" ? (
                    <span className="text-zinc-600">All recipients</span>
                  ) : (
                    <span className="flex flex-wrap gap-1">
                      {key.channels.map((c) => (
                        <Badge key={c.id}>{c.slug}</Badge>
                      ))}
                    </span>
                  )}
                </td>
                <td className="whitespace-nowrap px-3 py-3 font-mono text-xs text-zinc-700">{key.preview}</td>
                <td className="px-3 py-3 text-zinc-600">
                  <RelativeTime date={key.createdAt} />
                </td>
                <td className="px-3 py-3 text-zinc-600">
                  {key.lastUsedAt ? <RelativeTime date={key.lastUsedAt} suffix={key.lastUsedIp ? `from ${key.lastUsedIp}` : undefined} /> : "Never"}
                </td>
                <td className="px-3 py-3 text-zinc-600">{key.expiresAt ? <RelativeTime date={key.expiresAt} /> : "Never"}</td>
                <td className="px-3 py-3">
                  <KeyStatusBadge status={key.status} />
                </td>
                {canManage && (
                  <td className="px-3 py-3 text-right">
                    <KeyRowMenu apiKey={key} onCommand={onCommand} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {canManage && (
        <>
          <EditKeyDialog apiKey={editing} onClose={() => setEditing(null)} projectSlug={projectSlug} channels={channels} />
          <KeyRevealDialog revealed={revealed} onClose={() => setRevealed(null)} />
          <ConfirmDialog
            open={confirm !== null}
            onOpenChange={(open) => !open && setConfirm(null)}
            title={confirm?.command === "revoke" ? "Revoke API key" : "Delete API key"}
            description={
              confirm?.command === "revoke"
                ? `“${confirm.key.name}” will stop working immediately, everywhere. This cannot be undone; the key stays in the list, marked revoked.`
                : `“${confirm?.key.name}” will be removed from the list. Its audit entries stay. Any request still using it will fail.`
            }
            confirmLabel={confirm?.command === "revoke" ? "Revoke" : "Delete"}
            onConfirm={runConfirmed}
            pending={pending}
            error={confirmError}
          />
        </>
      )}
    </>
  );
}
