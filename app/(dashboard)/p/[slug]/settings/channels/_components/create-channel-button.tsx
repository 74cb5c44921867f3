"use client";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { CreateChannelForm } from "./create-channel-form";

export function CreateChannelButton({ projectSlug }: { projectSlug: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <span aria-hidden="true">+</span> Create channel
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Create channel" description="Recipients join channels; keys can be scoped to them.">
        <CreateChannelForm projectSlug={projectSlug} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
