"use client";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/toast";
import { AddEndpointDialog } from "./add-endpoint-dialog";
import { SecretRevealDialog, type RevealedEndpoint } from "./secret-reveal-dialog";

// The add and reveal dialogs live once, above the table and the empty state: adding the first
// endpoint swaps one for the other, and the reveal must survive it.

type EndpointDialogs = { openAdd: () => void; announce: (message: string) => void };
const EndpointDialogsContext = createContext<EndpointDialogs | null>(null);

function useEndpointDialogs(): EndpointDialogs {
  const dialogs = useContext(EndpointDialogsContext);
  if (!dialogs) throw new Error("the Webhooks page's controls need an EndpointDialogsProvider");
  return dialogs;
}

export function EndpointDialogsProvider({ projectSlug, children }: { projectSlug: string; children: React.ReactNode }) {
  const [adding, setAdding] = useState(false);
  const [revealed, setRevealed] = useState<RevealedEndpoint | null>(null);
  const toast = useToast();
  const reveal = useCallback(
    (endpoint: RevealedEndpoint) => {
      setAdding(false);
      setRevealed(endpoint);
      toast(`Added endpoint ${endpoint.url}.`);
    },
    [toast],
  );
  const dialogs = useMemo(() => ({ openAdd: () => setAdding(true), announce: toast }), [toast]);
  return (
    <EndpointDialogsContext.Provider value={dialogs}>
      {children}
      <AddEndpointDialog open={adding} onOpenChange={setAdding} projectSlug={projectSlug} onAdded={reveal} />
      <SecretRevealDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </EndpointDialogsContext.Provider>
  );
}

export const useAnnounce = () => useEndpointDialogs().announce;

export function AddEndpointButton() {
  const { openAdd } = useEndpointDialogs();
  return (
    <Button onClick={openAdd}>
      <span aria-hidden="true">+</span> Add endpoint
    </Button>
  );
}
