"use client";
import { ToggleSwitch } from "@/components/ui/toggle-switch";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFreshAuth } from "@/app/(dashboard)/_components/confirm-identity/use-fresh-auth";
import { setRevealSecretKeysAction } from "../actions";
import { useToast } from "@/components/toast";
import { Section } from "@/components/ui/section";

type Props = { projectSlug: string; enabled: boolean; canChange: boolean };

/**
 * The project setting "Revealable secret keys" (SPEC §2). Only owners change it. Turning it off
 * erases the stored copies, so it asks first.
 */
export function RevealPolicy({ projectSlug, enabled, canChange }: Props) {
  const [confirmOff, setConfirmOff] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  // A project security setting: sudo mode ("Confirm it's you") first.
  const { withFreshAuth, confirmDialog } = useFreshAuth();
  const toast = useToast();

  function save(next: boolean) {
    setError(undefined);
    startTransition(async () => {
      const result = await withFreshAuth(setRevealSecretKeysAction)(null, { projectSlug, revealSecretKeys: next ? "on" : "off" });
      if (result.ok) {
        setConfirmOff(false);
        toast(next ? "Secret keys created from now on can be revealed again." : "Secret keys are shown once; stored copies were erased.");
      } else setError(result.error.message);
    });
  }

  return (
    <Section
      className="mt-10"
      title={<label htmlFor="reveal-secret-keys">Revealable secret keys</label>}
      description={
        <span id="reveal-secret-keys-description">
          Off: a secret key is shown once, when it is created or rotated. On: secret keys created from now on are also kept encrypted, and owners can show them again after confirming it's them; every
          reveal is audited. Publishable keys can always be shown again.
        </span>
      }
      actions={
        <ToggleSwitch
          id="reveal-secret-keys"
          checked={enabled}
          disabled={!canChange || pending}
          aria-describedby="reveal-secret-keys-description"
          onCheckedChange={(next) => (next ? save(true) : setConfirmOff(true))}
        />
      }
    >
      {!canChange && <p className="text-sm text-zinc-500">Only project owners can change this.</p>}
      {error && !confirmOff && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirmOff}
        onOpenChange={setConfirmOff}
        title="Turn off revealable secret keys"
        description="The stored copies of this project's secret keys will be erased. They keep working, but can never be shown again, even if you turn this back on."
        confirmLabel="Turn off"
        onConfirm={() => save(false)}
        pending={pending}
        error={confirmOff ? error : undefined}
      />
      {confirmDialog}
    </Section>
  );
}
