"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/field";
import { useFreshAuth } from "@/app/(dashboard)/_components/confirm-identity/use-fresh-auth";
import { disableTwoFactorAction, regenerateRecoveryCodesAction } from "../actions";
import { RecoveryCodesList } from "./recovery-codes-list";
import { useToast } from "@/components/toast";

/** Two-factor is on: new recovery codes, or turn it off (both in sudo mode). */
export function ManageTwoFactor({ enabledOn, recoveryCodesLeft }: { enabledOn: string; recoveryCodesLeft: number }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [confirmOff, setConfirmOff] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { withFreshAuth, confirmDialog } = useFreshAuth();
  const toast = useToast();

  function regenerate() {
    setError(undefined);
    startTransition(async () => {
      const result = await withFreshAuth(regenerateRecoveryCodesAction)(null, {});
      if (result.ok) {
        setCodes(result.data.recoveryCodes);
        toast("New recovery codes made; the old ones no longer work.");
      } else setError(result.error.message);
    });
  }

  function turnOff() {
    setError(undefined);
    startTransition(async () => {
      const result = await withFreshAuth(disableTwoFactorAction)(null, {});
      if (!result.ok) return setError(result.error.message);
      setConfirmOff(false);
      toast("Two-factor authentication is off.");
      router.refresh();
    });
  }

  if (codes)
    return (
      <RecoveryCodesList
        codes={codes}
        onSaved={() => {
          setCodes(null);
          router.refresh();
        }}
      />
    );
  return (
    <section aria-labelledby="two-factor-status-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="two-factor-status-heading" className="text-base font-semibold text-zinc-900">
        Authenticator app
      </h2>
      <p className="mt-1 text-sm text-zinc-600">
        Two-factor sign-in is on (since {enabledOn}). {recoveryCodesLeft} of 10 recovery codes left.
      </p>
      {!confirmOff && <FormError message={error} />}
      <div className="mt-4 flex flex-wrap gap-3">
        <Button variant="secondary" onClick={regenerate} disabled={pending}>
          Generate new recovery codes
        </Button>
        <Button variant="danger" onClick={() => setConfirmOff(true)} disabled={pending}>
          Turn off two-factor sign-in
        </Button>
      </div>
      <ConfirmDialog
        open={confirmOff}
        onOpenChange={setConfirmOff}
        title="Turn off two-factor sign-in"
        description="Signing in will need only your password. Your recovery codes stop working. Projects that require two-factor will send you to set it up again."
        confirmLabel="Turn off"
        onConfirm={turnOff}
        pending={pending}
        error={confirmOff ? error : undefined}
      />
      {confirmDialog}
    </section>
  );
}
