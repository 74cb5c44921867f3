"use client";
import { useState, useTransition } from "react";
import { RowMenu } from "@/components/row-menu";
import { Dialog } from "@/components/ui/dialog";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/relative-time";
import { Table, type Column } from "@/components/ui/table";
import { useToast } from "@/components/toast";
import type { ChannelRow } from "@/lib/channels/queries";
import { deleteChannelAction } from "../actions";
import { RenameChannelForm } from "./rename-channel-form";

// A phone's card: the name (with the menu), then the slug, the keys scoped to it and when it was made.
const COLUMNS: Column<ChannelRow>[] = [
  { header: "Name", card: "main", className: "font-medium text-zinc-900", cell: (c) => c.name },
  { header: "Slug", card: "wide", className: "break-all font-mono text-xs text-zinc-600", cell: (c) => c.slug },
  { header: "Scoped keys", card: "wide", cardLabel: "Scoped keys: ", className: "text-xs text-zinc-600 md:text-sm", cell: (c) => c.keyCount },
  { header: "Created", card: "wide", cardLabel: "Created ", className: "text-xs text-zinc-600 md:text-sm", cell: (c) => <RelativeTime date={c.createdAt} /> },
];

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
      <Table
        label="Channels"
        rows={channels}
        rowKey={(c) => c.id}
        columns={COLUMNS}
        actions={
          canManage
            ? (c) => (
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
              )
            : undefined
        }
      />
      <Dialog open={renaming !== null} onOpenChange={(open) => !open && setRenaming(null)} title="Rename channel" description="The slug stays the same, so keys and API calls keep working.">
        {renaming && <RenameChannelForm key={renaming.id} channel={renaming} projectSlug={projectSlug} onDone={() => setRenaming(null)} />}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete channel"
        description={`“${deleting?.name}” (${deleting?.slug}) will be deleted. Keys scoped to it must be changed first.`}
        confirmLabel="Delete"
        onConfirm={runDelete}
        pending={pending}
        error={deleteError}
      />
    </>
  );
}
