"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/toast";
import { sendTestEventAction } from "../../actions";
import { DeleteEndpointDialog } from "../../_components/delete-endpoint-dialog";

/** The endpoint page's buttons, for owners and admins: "Send test event" and "Delete". */
export function EndpointActions({ endpoint, projectSlug, listPath }: { endpoint: { id: string; url: string }; projectSlug: string; listPath: string }) {
  const [deleting, setDeleting] = useState(false);
  const [sending, startTransition] = useTransition();
  const toast = useToast();
  const router = useRouter();
  const sendTest = () =>
    startTransition(async () => {
      const result = await sendTestEventAction(null, { projectSlug, id: endpoint.id });
      toast(result.ok ? "Sent a test event. Its delivery is listed below." : result.error.message);
    });
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" onClick={sendTest} disabled={sending} aria-busy={sending}>
        Send test event
      </Button>
      <Button variant="danger" onClick={() => setDeleting(true)}>
        Delete
      </Button>
      <DeleteEndpointDialog
        endpoint={deleting ? endpoint : null}
        projectSlug={projectSlug}
        onClose={() => setDeleting(false)}
        onDeleted={(url) => {
          toast(`Deleted endpoint ${url}.`);
          router.push(listPath);
        }}
      />
    </div>
  );
}
