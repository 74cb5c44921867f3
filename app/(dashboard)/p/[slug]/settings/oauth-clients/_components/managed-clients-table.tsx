"use client";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RowMenu } from "@/components/row-menu";
import { deleteClientAction } from "../actions";
import { ClientsTable, type ClientListItem } from "./clients-table";
import { useAnnounce } from "./client-dialogs";

/** The table with a row menu per client and the delete confirmation, for owners and admins. */
export function ManagedClientsTable({ clients, projectSlug }: { clients: ClientListItem[]; projectSlug: string }) {
  const [deleting, setDeleting] = useState<ClientListItem | null>(null);
  const [error, setError] = useState<string>();
  const announce = useAnnounce();
  const [pending, startTransition] = useTransition();

  function confirmDelete() {
    if (!deleting) return;
    startTransition(async () => {
      const result = await deleteClientAction(null, { projectSlug, id: deleting.id });
      if (result.ok) {
        announce(`Deleted client “${deleting.name}”. Its tokens no longer work.`);
        setDeleting(null);
      } else setError(result.error.message);
    });
  }

  return (
    <>
      <ClientsTable
        clients={clients}
        actions={(client) => (
          <RowMenu
            label={`Actions for ${client.name}`}
            items={[
              {
                label: "Delete",
                danger: true,
                onSelect: () => {
                  setError(undefined);
                  setDeleting(client);
                },
              },
            ]}
          />
        )}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete OAuth client"
        description={deleting ? `Delete client “${deleting.name}”? Its tokens stop working at once, everywhere. This cannot be undone.` : ""}
        confirmLabel="Delete"
        onConfirm={confirmDelete}
        pending={pending}
        error={error}
      />
    </>
  );
}
