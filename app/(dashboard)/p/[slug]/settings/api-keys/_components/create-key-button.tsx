"use client";
import { createContext, useCallback, useContext, useState } from "react";
import { Button } from "@/components/ui/button";
import { CreateKeyDialog } from "./create-key-dialog";
import { KeyRevealDialog, type RevealedKey } from "./key-reveal-dialog";
import type { ChannelOption } from "./key-settings-fields";

// The create and reveal dialogs live once, above the table and the empty state: creating the
// first key swaps the empty state for the table, and the reveal must survive that swap.

const OpenCreateDialog = createContext<() => void>(() => {});

export function CreateKeyProvider({ projectSlug, channels, children }: { projectSlug: string; channels: ChannelOption[]; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<RevealedKey | null>(null);
  const onCreated = useCallback((key: RevealedKey) => {
    setOpen(false);
    setRevealed(key);
  }, []);
  const openDialog = useCallback(() => setOpen(true), []);
  return (
    <OpenCreateDialog.Provider value={openDialog}>
      {children}
      <CreateKeyDialog open={open} onOpenChange={setOpen} projectSlug={projectSlug} channels={channels} onCreated={onCreated} />
      <KeyRevealDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </OpenCreateDialog.Provider>
  );
}

export function CreateKeyButton() {
  const open = useContext(OpenCreateDialog);
  return (
    <Button onClick={open}>
      <span aria-hidden="true">+</span> Create key
    </Button>
  );
}
