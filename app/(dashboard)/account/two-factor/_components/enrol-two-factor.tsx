"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/use-form-action";
import { useFreshAuth } from "@/app/(dashboard)/_components/confirm-identity/use-fresh-auth";
import { beginEnrolmentAction, confirmEnrolmentAction } from "../actions";
import { RecoveryCodesList } from "./recovery-codes-list";

type Pending = { secret: string; qrCode: string };

/** Setup: confirm it's you, scan the QR code (or type the key), enter a current code, save the recovery codes. */
export function EnrolTwoFactor() {
  const router = useRouter();
  const [pending, setPending] = useState<Pending | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string>();
  const [starting, startTransition] = useTransition();
  const { withFreshAuth, confirmDialog } = useFreshAuth();

  function start() {
    setError(undefined);
    startTransition(async () => {
      const result = await withFreshAuth(beginEnrolmentAction)(null, {});
      if (result.ok) setPending(result.data);
      else setError(result.error.message);
    });
  }

  if (codes) return <RecoveryCodesList codes={codes} onSaved={() => router.refresh()} />;
  return (
    <section aria-labelledby="enrol-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="enrol-heading" className="text-base font-semibold text-zinc-900">
        Authenticator app
      </h2>
      {!pending ? (
        <>
          <p className="mt-1 text-sm text-zinc-600">Two-factor sign-in is off.</p>
          <FormError message={error} />
          <Button className="mt-4" onClick={start} disabled={starting}>
            Set up two-factor sign-in
          </Button>
        </>
      ) : (
        <ScanAndConfirm pending={pending} onEnabled={setCodes} />
      )}
      {confirmDialog}
    </section>
  );
}

function groups(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

function ScanAndConfirm({ pending, onEnabled }: { pending: Pending; onEnabled: (codes: string[]) => void }) {
  const {
    onSubmit,
    pending: saving,
    fieldErrors,
    formError,
  } = useFormAction(confirmEnrolmentAction, { onSuccess: (data) => onEnabled(data.recoveryCodes), toast: "Two-factor authentication is on." });
  return (
    <div className="mt-2 space-y-4">
      <p className="text-sm text-zinc-600">1. Scan this QR code with your authenticator app.</p>
      {/* A data: URL drawn on the server (lib/two-factor/qr.ts); next/image would add nothing here. */}
      <img src={pending.qrCode} alt="QR code to add Latchkey to your authenticator app" width={184} height={184} className="rounded ring-1 ring-zinc-200" />
      <p className="text-sm text-zinc-600">
        Can&apos;t scan it? Enter this setup key in the app instead:{" "}
        <code aria-label="Setup key" className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-sm text-zinc-900">
          {groups(pending.secret)}
        </code>
      </p>
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
        <p className="text-sm text-zinc-600">2. Enter the 6-digit code the app shows.</p>
        <FormError message={formError} />
        <TextField id="enrol-code" name="code" label="Code from the app" inputMode="numeric" autoComplete="one-time-code" maxLength={12} required className="max-w-40" errors={fieldErrors?.code} />
        <Button type="submit" disabled={saving}>
          Turn on
        </Button>
      </form>
    </div>
  );
}
