"use client";
import { TextField } from "@/components/ui/text-field";
import { FormError } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/use-form-action";
import type { KeyPolicy } from "@/lib/keys/policy";
import { setKeyPolicyAction } from "../actions";

/** The project key policy (SPEC §15): owners change it; everyone else sees it read-only. */
export function KeyPolicyForm({ projectSlug, policy, canChange }: { projectSlug: string; policy: KeyPolicy; canChange: boolean }) {
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(setKeyPolicyAction, { toast: "Key policy saved." });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <FormError message={formError} />
      <fieldset disabled={!canChange} className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="maxLifetimeDays"
          label="Maximum key lifetime (days)"
          hint="New and rotated keys must expire within this many days. Empty: no limit."
          inputMode="numeric"
          defaultValue={policy.maxLifetimeDays ?? ""}
          errors={fieldErrors?.maxLifetimeDays}
        />
        <TextField
          id="disableUnusedAfterDays"
          label="Disable keys unused for (days)"
          hint="Checked by a background run; disabled keys can be enabled again. Empty: never."
          inputMode="numeric"
          defaultValue={policy.disableUnusedAfterDays ?? ""}
          errors={fieldErrors?.disableUnusedAfterDays}
        />
        <label className="flex items-start gap-2 text-sm text-zinc-800 sm:col-span-2">
          <input type="checkbox" name="adminRequiresExpiry" defaultChecked={policy.adminRequiresExpiry} className="mt-0.5 size-4 rounded border-zinc-300 text-brand-600 focus:ring-brand-500" />
          <span>
            Require an expiry date for Admin keys
            <span className="block text-xs text-zinc-500">New Admin keys must expire; rotating one that never expires gives the replacement an expiry.</span>
          </span>
        </label>
      </fieldset>
      {canChange && (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save key policy"}
        </Button>
      )}
    </form>
  );
}
