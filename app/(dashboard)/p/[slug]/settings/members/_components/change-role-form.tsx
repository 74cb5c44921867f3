"use client";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import type { MemberRow } from "@/lib/members/queries";
import { changeMemberRoleAction } from "../actions";
import { MemberRoleField } from "./member-role-field";

export function ChangeRoleForm({ member, projectSlug, canGrantOwner, onDone }: { member: MemberRow; projectSlug: string; canGrantOwner: boolean; onDone: () => void }) {
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(changeMemberRoleAction, { onSuccess: () => onDone() });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <input type="hidden" name="id" value={member.id} />
      <FormError message={formError} />
      <MemberRoleField idPrefix="change-role" defaultRole={member.role} canGrantOwner={canGrantOwner} errors={fieldErrors?.role} />
      <FormActions submitLabel="Save" pending={pending} onCancel={onDone} />
    </form>
  );
}
