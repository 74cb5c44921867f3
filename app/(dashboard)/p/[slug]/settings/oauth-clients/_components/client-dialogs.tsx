"use client";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { RegisterClientDialog } from "./register-client-dialog";
import { ClientRevealDialog, type RevealedClient } from "./client-reveal-dialog";

// The register and reveal dialogs and the status message live once, above the table and the
// empty state: registering the first client or deleting the last swaps one for the other, and
// the reveal and the message must survive that swap.

type ClientDialogs = { openRegister: () => void; announce: (message: string) => void; notice: string | undefined };
const ClientDialogsContext = createContext<ClientDialogs | null>(null);

function useClientDialogs(): ClientDialogs {
  const dialogs = useContext(ClientDialogsContext);
  if (!dialogs) throw new Error("the OAuth clients page's controls need a ClientDialogsProvider");
  return dialogs;
}

export function ClientDialogsProvider({ projectSlug, tokenEndpoint, children }: { projectSlug: string; tokenEndpoint: string; children: React.ReactNode }) {
  const [registering, setRegistering] = useState(false);
  const [revealed, setRevealed] = useState<RevealedClient | null>(null);
  const [notice, setNotice] = useState<string>();
  const reveal = useCallback((client: RevealedClient) => {
    setRegistering(false);
    setRevealed(client);
    setNotice(`Registered client “${client.name}”.`);
  }, []);
  const dialogs = useMemo(() => ({ openRegister: () => setRegistering(true), announce: setNotice, notice }), [notice]);
  return (
    <ClientDialogsContext.Provider value={dialogs}>
      {children}
      <RegisterClientDialog open={registering} onOpenChange={setRegistering} projectSlug={projectSlug} onRegistered={reveal} />
      <ClientRevealDialog revealed={revealed} tokenEndpoint={tokenEndpoint} onClose={() => setRevealed(null)} />
    </ClientDialogsContext.Provider>
  );
}

export const useAnnounce = () => useClientDialogs().announce;

/** The last mutation's confirmation, in a live region. */
export function ClientsNotice() {
  const { notice } = useClientDialogs();
  return (
    <p role="status" className={notice ? "mt-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" : "sr-only"}>
      {notice}
    </p>
  );
}

export function RegisterClientButton() {
  const { openRegister } = useClientDialogs();
  return (
    <Button onClick={openRegister}>
      <span aria-hidden="true">+</span> Register client
    </Button>
  );
}
