"use client";
import { useState } from "react";
import type { MemberRole } from "@/lib/permissions";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { AddMemberForm } from "./add-member-form";

export function AddMemberButton({ projectSlug, assignable }: { projectSlug: string; assignable: MemberRole[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <span aria-hidden="true">+</span> Add member
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Add member"
        description="Someone whose account has proven its address is added at once; anyone else gets an invite link, by e-mail and under Copy invite link."
      >
        {open && <AddMemberForm projectSlug={projectSlug} assignable={assignable} onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}
