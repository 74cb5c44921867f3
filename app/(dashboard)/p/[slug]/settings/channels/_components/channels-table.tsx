"use client";
import { useState, useTransition } from "react";
import { RowMenu } from "@/components/row-menu";
import { Dialog } from "@/components/ui/dialog";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/relative-time";
import { cardCell, cardTable } from "@/components/ui/card-table";
import { cn } from "@/components/ui/cn";
import { useToast } from "@/components/toast";
import type { ChannelRow } from "@/lib/channels/queries";
import { deleteChannelAction } from "../actions";
import { RenameChannelForm } from "./rename-channel-form";

const cell = cn(cardCell.base, "md:px-4 md:py-3");

/** The channels table (cards on a phone). */
export function ChannelsTable({ channels, projectSlug, canManage }: { channels: ChannelRow[]; projectSlug: string; canManage: boolean }) {
  const [renaming, setRenaming] = useState<ChannelRow | null>(null);
  const [deleting, setDeleting] = useState<ChannelRow | null>(null);
  const [deleteError, setDeleteError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const toast = useToast();

  function runDelete() {
    if (!deleting) return;
    startTransition(async () => {
      const result = await deleteChannelAction(null, { projectSlug, id: deleting.id });
      if (result.ok) {
        setDeleting(null);
        toast(`Channel “${deleting.name}” deleted.`);
      } else setDeleteError(result.error.message);
    });
  }

  return (
    <>
      <div className={cardTable.frame}>
        <table className={cardTable.table}>
          <thead className={cardTable.head}>
            <tr>
              {["Name", "Slug", "Scoped keys", "Created"].map((c) => (
                <th key={c} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500">
                  {c}
                </th>
              ))}
              {canManage && (
                <th scope="col" className="px-4 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className={cardTable.body}>
            {channels.map((c) => (
              <tr key={c.id} className={cardTable.row}>
                <td className={cn(cell, "row-start-1 font-medium text-zinc-900", !canManage && cardCell.wide)}>{c.name}</td>
                <td className={cn(cell, cardCell.wide, "break-all font-mono text-xs text-zinc-700")}>{c.slug}</td>
                <td className={cn(cell, cardCell.wide, cardCell.labelled, "text-xs text-zinc-600 before:content-['Scoped_keys:_'] md:text-sm")}>{c.keyCount}</td>
                <td className={cn(cell, cardCell.wide, cardCell.labelled, "text-xs text-zinc-600 before:content-['Created_'] md:text-sm")}>
                  <RelativeTime date={c.createdAt} />
                </td>
                {canManage && (
                  <td className={cn(cell, cardCell.menu, "md:text-right")}>
                    <RowMenu
                      label={`Actions for ${c.name}`}
                      items={[
                        { label: "Rename", onSelect: () => setRenaming(c) },
                        {
                          label: "Delete",
                          danger: true,
                          onSelect: () => {
                            setDeleteError(undefined);
                            setDeleting(c);
                          },
                        },
                      ]}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Dialog open={renaming !== null} onOpenChange={(open) => !open && setRenaming(null)} title="Rename channel" description="The slug stays the same, so keys and API calls keep working.">
        {renaming && <RenameChannelForm key={renaming.id} channel={renaming} projectSlug={projectSlug} onDone={() => setRenaming(null)} />}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete channel"
        description={`“${deleting?.slug}” will be deleted. Keys scoped to it must be changed first.`}
        confirmLabel="Delete"
        onConfirm={runDelete}
        pending={pending}
        error={deleteError}
      />
    </>
  );
}
