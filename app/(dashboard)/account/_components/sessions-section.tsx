"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { signOutEverywhereAction } from "../actions";
import { Section } from "@/components/ui/section";

export function SessionsSection() {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  const confirm = () =>
    startTransition(async () => {
      const result = await signOutEverywhereAction(null, {});
      if (!result.ok) return setError(result.error.message);
      window.location.assign("/login");
    });

  return (
    <Section id="sessions" title="Sessions" description="Signed in on a computer you no longer use, or lost a device? End every session of your account, this one included.">
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Sign out everywhere
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Sign out everywhere?"
        description="Every browser signed in to your account, this one included, is signed out on its next request."
        confirmLabel="Sign out everywhere"
        onConfirm={confirm}
        pending={pending}
        error={error}
      />
    </Section>
  );
}
