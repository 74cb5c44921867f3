"use client";
import { useMemo } from "react";
import type { MemberRole } from "@/lib/permissions";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/use-form-action";
import { useFreshAuth } from "@/app/(dashboard)/_components/confirm-identity/use-fresh-auth";
import { addMemberAction } from "../actions";
import { MemberRoleField } from "./member-role-field";

export function AddMemberForm({ projectSlug, assignable, onDone }: { projectSlug: string; assignable: MemberRole[]; onDone: () => void }) {
  // Making, changing or removing an owner needs sudo mode: "Confirm it's you", then the same submission again.
  const { withFreshAuth, confirmDialog } = useFreshAuth();
  const action = useMemo(() => withFreshAuth(addMemberAction), [withFreshAuth]);
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(action, { onSuccess: () => onDone(), toast: (added) => (added.kind === "invitation" ? "Invitation sent." : "Member added.") });
  // The dialog sits outside the form: a portal's submit event still bubbles through React's tree.
  return (
    <>
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
        <input type="hidden" name="projectSlug" value={projectSlug} />
        <FormError message={formError} />
        <TextField
          id="member-email"
          name="email"
          label="Email"
          hint="An invitation is joined only through its link: mailed to this address, or copied from the invitation's row menu to hand over."
          type="email"
          autoComplete="off"
          errors={fieldErrors?.email}
        />
        <MemberRoleField idPrefix="add-member" defaultRole="viewer" assignable={assignable} errors={fieldErrors?.role} />
        <FormActions submitLabel="Add" pending={pending} onCancel={onDone} />
      </form>
      {confirmDialog}
    </>
  );
}
