"use client";
import { useEffect, useState, useTransition } from "react";
import { DropdownMenu } from "radix-ui";
import { Dialog } from "@/components/ui/dialog";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { RelativeTime } from "@/components/relative-time";
import { useFormAction } from "@/components/use-form-action";
import type { ChannelRow } from "@/lib/channels/queries";
import { deleteChannelAction, renameChannelAction } from "../actions";

const item = "cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-zinc-100";

export function ChannelsTable({ channels, projectSlug, canManage }: { channels: ChannelRow[]; projectSlug: string; canManage: boolean }) {
  const [renaming, setRenaming] = useState<ChannelRow | null>(null);
  const [deleting, setDeleting] = useState<ChannelRow | null>(null);
  const [deleteError, setDeleteError] = useState<string>();
  const [pending, startTransition] = useTransition();

  function runDelete() {
    if (!deleting) return;
    startTransition(async () => {
      const result = await deleteChannelAction(null, { projectSlug, id: deleting.id });
      if (result.ok) setDeleting(null);
      else setDeleteError(result.error.message);
    });
  }

  return (
    <>
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-zinc-200 text-sm">
          <thead className="bg-zinc-50">
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
          <tbody className="divide-y divide-zinc-100">
            {channels.map((c) => (
              <tr key={c.id}>
                <td className="px-4 py-3 font-medium text-zinc-900">{c.name}</td>
                <td className="px-4 py-3 font-mono text-xs text-zinc-700">{c.slug}</td>
                <td className="px-4 py-3 text-zinc-600">{c.keyCount}</td>
                <td className="px-4 py-3 text-zinc-600">
                  <RelativeTime date={c.createdAt} />
                </td>
                {canManage && (
                  <td className="px-4 py-3 text-right">
                    <DropdownMenu.Root modal={false}>
                      <DropdownMenu.Trigger aria-label={`Actions for ${c.name}`} className="rounded-md px-2 py-1 text-lg leading-none text-zinc-500 hover:bg-zinc-100">
                        ⋯
                      </DropdownMenu.Trigger>
                      <DropdownMenu.Portal>
                        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-32 rounded-md border border-zinc-200 bg-white p-1 shadow-lg">
                          <DropdownMenu.Item className={item} onSelect={() => setRenaming(c)}>
                            Rename
                          </DropdownMenu.Item>
                          <DropdownMenu.Item
                            className={`${item} text-red-700`}
                            onSelect={() => {
                              setDeleteError(undefined);
                              setDeleting(c);
                            }}
                          >
                            Delete
                          </DropdownMenu.Item>
                        </DropdownMenu.Content>
                      </DropdownMenu.Portal>
                    </DropdownMenu.Root>
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

function RenameChannelForm({ channel, projectSlug, onDone }: { channel: ChannelRow; projectSlug: string; onDone: () => void }) {
  const { state, onSubmit, pending, fieldErrors, formError } = useFormAction(renameChannelAction);
  useEffect(() => {
    if (state?.ok) onDone();
  }, [state, onDone]);
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <input type="hidden" name="id" value={channel.id} />
      <FormError message={formError} />
      <Field id="rename-channel-name" label="Name" errors={fieldErrors?.name}>
        {(describedBy) => <input id="rename-channel-name" name="name" defaultValue={channel.name} className={inputClass} aria-describedby={describedBy} />}
      </Field>
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
