"use client";
import { FormActions } from "@/components/ui/form-actions";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import { addMemberAction } from "../actions";
import { MemberRoleField } from "./member-role-field";

export function AddMemberForm({ projectSlug, canGrantOwner, onDone }: { projectSlug: string; canGrantOwner: boolean; onDone: () => void }) {
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(addMemberAction, { onSuccess: () => onDone() });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <FormError message={formError} />
      <Field id="member-email" label="Email" hint="Someone without an account yet gets an invitation and joins when they sign up with this address." errors={fieldErrors?.email}>
        {(describedBy) => (
          <input id="member-email" name="email" type="email" autoComplete="off" className={inputClass} aria-invalid={Boolean(fieldErrors?.email)} aria-describedby={describedBy} />
        )}
      </Field>
      <MemberRoleField idPrefix="add-member" defaultRole="viewer" canGrantOwner={canGrantOwner} errors={fieldErrors?.role} />
      <FormActions submitLabel="Add" pending={pending} onCancel={onDone} />
    </form>
  );
}
