"use client";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { CreateKeyDialog } from "./create-key-dialog";
import { KeyRevealDialog, type RevealedKey } from "./key-reveal-dialog";
import type { ChannelOption } from "./key-settings-fields";
import type { KeyPolicy } from "@/lib/keys/policy";

// The create and reveal dialogs live once, above the table and the empty state: creating the
// first key swaps the empty state for the table, and the reveal must survive that swap.

type KeyDialogs = { openCreate: () => void; reveal: (key: RevealedKey) => void };
const KeyDialogsContext = createContext<KeyDialogs | null>(null);

export function useKeyDialogs(): KeyDialogs {
  const dialogs = useContext(KeyDialogsContext);
  if (!dialogs) throw new Error("useKeyDialogs needs a KeyDialogsProvider");
  return dialogs;
}

export function KeyDialogsProvider({ projectSlug, channels, policy, children }: { projectSlug: string; channels: ChannelOption[]; policy: KeyPolicy; children: React.ReactNode }) {
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<RevealedKey | null>(null);
  const reveal = useCallback((key: RevealedKey) => {
    setCreating(false);
    setRevealed(key);
  }, []);
  const dialogs = useMemo(() => ({ openCreate: () => setCreating(true), reveal }), [reveal]);
  return (
    <KeyDialogsContext.Provider value={dialogs}>
      {children}
      <CreateKeyDialog open={creating} onOpenChange={setCreating} projectSlug={projectSlug} channels={channels} policy={policy} onCreated={reveal} />
      <KeyRevealDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </KeyDialogsContext.Provider>
  );
}

export function CreateKeyButton() {
  const { openCreate } = useKeyDialogs();
  return (
    <Button onClick={openCreate}>
      <span aria-hidden="true">+</span> Create key
    </Button>
  );
}
