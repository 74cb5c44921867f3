"use client";
import { useMemo } from "react";
import type { MemberRole } from "@/lib/permissions";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import { useFreshAuth } from "@/app/(dashboard)/_components/confirm-identity/use-fresh-auth";
import type { MemberRow } from "@/lib/members/queries";
import { changeMemberRoleAction } from "../actions";
import { MemberRoleField } from "./member-role-field";

export function ChangeRoleForm({ member, projectSlug, assignable, onDone }: { member: MemberRow; projectSlug: string; assignable: MemberRole[]; onDone: () => void }) {
  // Making, changing or removing an owner needs sudo mode: "Confirm it's you", then the same submission again.
  const { withFreshAuth, confirmDialog } = useFreshAuth();
  const action = useMemo(() => withFreshAuth(changeMemberRoleAction), [withFreshAuth]);
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(action, { onSuccess: () => onDone() });
  // The dialog sits outside the form: a portal's submit event still bubbles through React's tree.
  return (
    <>
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
        <input type="hidden" name="projectSlug" value={projectSlug} />
        <input type="hidden" name="id" value={member.id} />
        <FormError message={formError} />
        <MemberRoleField idPrefix="change-role" defaultRole={member.role} assignable={assignable} errors={fieldErrors?.role} />
        <FormActions submitLabel="Save" pending={pending} onCancel={onDone} />
      </form>
      {confirmDialog}
    </>
  );
}
