"use client";
import { useState, useTransition } from "react";
import { RowMenu } from "@/components/row-menu";
import { sendTestEventAction } from "../actions";
import { EndpointsTable, type EndpointListItem } from "./endpoints-table";
import { DeleteEndpointDialog } from "./delete-endpoint-dialog";
import { useAnnounce } from "./endpoint-dialogs";

/** The table with a row menu per endpoint ("Send test event", "Delete"), for owners and admins. */
export function ManagedEndpointsTable({ endpoints, base, projectSlug }: { endpoints: EndpointListItem[]; base: string; projectSlug: string }) {
  const [deleting, setDeleting] = useState<EndpointListItem | null>(null);
  const announce = useAnnounce();
  const [, startTransition] = useTransition();

  const sendTest = (endpoint: EndpointListItem) =>
    startTransition(async () => {
      const result = await sendTestEventAction(null, { projectSlug, id: endpoint.id });
      announce(result.ok ? `Sent a test event to ${endpoint.url}. Its delivery shows on the endpoint's page.` : result.error.message);
    });

  return (
    <>
      <EndpointsTable
        endpoints={endpoints}
        base={base}
        actions={(endpoint) => (
          <RowMenu
            label={`Actions for ${endpoint.url}`}
            items={[
              { label: "Send test event", onSelect: () => sendTest(endpoint) },
              { label: "Delete", danger: true, onSelect: () => setDeleting(endpoint) },
            ]}
          />
        )}
      />
      <DeleteEndpointDialog endpoint={deleting} projectSlug={projectSlug} onClose={() => setDeleting(null)} onDeleted={(url) => announce(`Deleted endpoint ${url}.`)} />
    </>
  );
}
