"use client";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { RegisterClientDialog } from "./register-client-dialog";
import { ClientRevealDialog, type RevealedClient } from "./client-reveal-dialog";

// The register and reveal dialogs live once, above the table and the empty state: registering
// the first client swaps the empty state for the table, and the reveal must survive that swap.

type ClientDialogs = { openRegister: () => void };
const ClientDialogsContext = createContext<ClientDialogs | null>(null);

export function ClientDialogsProvider({ projectSlug, tokenEndpoint, children }: { projectSlug: string; tokenEndpoint: string; children: React.ReactNode }) {
  const [registering, setRegistering] = useState(false);
  const [revealed, setRevealed] = useState<RevealedClient | null>(null);
  const reveal = useCallback((client: RevealedClient) => {
    setRegistering(false);
    setRevealed(client);
  }, []);
  const dialogs = useMemo(() => ({ openRegister: () => setRegistering(true) }), []);
  return (
    <ClientDialogsContext.Provider value={dialogs}>
      {children}
      <RegisterClientDialog open={registering} onOpenChange={setRegistering} projectSlug={projectSlug} onRegistered={reveal} />
      <ClientRevealDialog revealed={revealed} tokenEndpoint={tokenEndpoint} onClose={() => setRevealed(null)} />
    </ClientDialogsContext.Provider>
  );
}

export function RegisterClientButton() {
  const dialogs = useContext(ClientDialogsContext);
  if (!dialogs) throw new Error("RegisterClientButton needs a ClientDialogsProvider");
  return (
    <Button onClick={dialogs.openRegister}>
      <span aria-hidden="true">+</span> Register client
    </Button>
  );
}
