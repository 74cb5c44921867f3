"use client";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/toast";
import { RegisterClientDialog } from "./register-client-dialog";
import { ClientRevealDialog, type RevealedClient } from "./client-reveal-dialog";

// The register and reveal dialogs live once, above the table and the empty state: registering
// the first client or deleting the last swaps one for the other, and the reveal must survive it.

type ClientDialogs = { openRegister: () => void; announce: (message: string) => void };
const ClientDialogsContext = createContext<ClientDialogs | null>(null);

function useClientDialogs(): ClientDialogs {
  const dialogs = useContext(ClientDialogsContext);
  if (!dialogs) throw new Error("the OAuth clients page's controls need a ClientDialogsProvider");
  return dialogs;
}

export function ClientDialogsProvider({ projectSlug, tokenEndpoint, children }: { projectSlug: string; tokenEndpoint: string; children: React.ReactNode }) {
  const [registering, setRegistering] = useState(false);
  const [revealed, setRevealed] = useState<RevealedClient | null>(null);
  const toast = useToast();
  const reveal = useCallback(
    (client: RevealedClient) => {
      setRegistering(false);
      setRevealed(client);
      toast(`Registered client “${client.name}”.`);
    },
    [toast],
  );
  const dialogs = useMemo(() => ({ openRegister: () => setRegistering(true), announce: toast }), [toast]);
  return (
    <ClientDialogsContext.Provider value={dialogs}>
      {children}
      <RegisterClientDialog open={registering} onOpenChange={setRegistering} projectSlug={projectSlug} onRegistered={reveal} />
      <ClientRevealDialog revealed={revealed} tokenEndpoint={tokenEndpoint} onClose={() => setRevealed(null)} />
    </ClientDialogsContext.Provider>
  );
}

export const useAnnounce = () => useClientDialogs().announce;

export function RegisterClientButton() {
  const { openRegister } = useClientDialogs();
  return (
    <Button onClick={openRegister}>
      <span aria-hidden="true">+</span> Register client
    </Button>
  );
}
