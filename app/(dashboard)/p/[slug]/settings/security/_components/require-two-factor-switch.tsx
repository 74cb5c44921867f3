"use client";
import { ToggleSwitch } from "@/components/ui/toggle-switch";
import { useState, useTransition } from "react";
import { useFreshAuth } from "@/app/(dashboard)/_components/confirm-identity/use-fresh-auth";
import { setRequireTwoFactorAction } from "../actions";
import { useToast } from "@/components/toast";
import { Section } from "@/components/ui/section";

type Props = { projectSlug: string; enabled: boolean; canChange: boolean; membersWithout: number };

/** The owner's switch "Require two-factor for every member" (SPEC §13), in sudo mode. */
export function RequireTwoFactorSwitch({ projectSlug, enabled, canChange, membersWithout }: Props) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { withFreshAuth, confirmDialog } = useFreshAuth();
  const toast = useToast();

  function save(next: boolean) {
    setError(undefined);
    startTransition(async () => {
      const result = await withFreshAuth(setRequireTwoFactorAction)(null, { projectSlug, requireTwoFactor: next ? "on" : "off" });
      if (!result.ok) setError(result.error.message);
      else toast(next ? "Two-factor is now required for every member." : "Two-factor is no longer required.");
    });
  }

  return (
    <Section
      className="mt-8"
      title={<label htmlFor="require-two-factor">Require two-factor for every member</label>}
      description={
        <span id="require-two-factor-description">On: a member without two-factor sign-in is sent to set it up before they can open this project, and their changes are refused until they do.</span>
      }
      actions={<ToggleSwitch id="require-two-factor" checked={enabled} disabled={!canChange || pending} aria-describedby="require-two-factor-description" onCheckedChange={save} />}
    >
      <p className="text-sm text-zinc-600">
        {membersWithout === 0 ? "Every member has two-factor sign-in." : `${membersWithout} member${membersWithout === 1 ? " does" : "s do"} not have two-factor sign-in yet.`}
      </p>
      {error && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {confirmDialog}
    </Section>
  );
}
