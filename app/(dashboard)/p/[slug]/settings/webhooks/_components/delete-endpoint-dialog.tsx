"use client";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteEndpointAction } from "../actions";

type Props = { endpoint: { id: string; url: string } | null; projectSlug: string; onClose: () => void; onDeleted: (url: string) => void };

/** "Delete endpoint": asks first; deliveries not yet made are dropped with it. */
export function DeleteEndpointDialog({ endpoint, projectSlug, onClose, onDeleted }: Props) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  function confirm() {
    if (!endpoint) return;
    startTransition(async () => {
      const result = await deleteEndpointAction(null, { projectSlug, id: endpoint.id });
      if (result.ok) {
        setError(undefined);
        onDeleted(endpoint.url);
        onClose();
      } else setError(result.error.message);
    });
  }
  return (
    <ConfirmDialog
      open={endpoint !== null}
      onOpenChange={(open) => {
        if (!open) {
          setError(undefined);
          onClose();
        }
      }}
      title="Delete endpoint"
      description={endpoint ? <span className="break-all">Delete the endpoint {endpoint.url}? It gets no more events, and deliveries still waiting are dropped. This cannot be undone.</span> : ""}
      confirmLabel="Delete"
      onConfirm={confirm}
      pending={pending}
      error={error}
    />
  );
}
