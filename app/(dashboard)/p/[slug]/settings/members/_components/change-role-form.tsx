"use client";
import { useEffect, useMemo, useRef } from "react";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/field";
import { ConflictNotice } from "@/components/conflict-notice";
import { useFormAction } from "@/components/use-form-action";
import { useReloadable, type Reload } from "@/components/use-reloadable";
import { useFreshAuth } from "@/app/(dashboard)/_components/confirm-identity/use-fresh-auth";
import type { MemberRole } from "@/lib/permissions";
import { changeMemberRoleAction, currentMemberAction } from "../actions";
import { MemberRoleField } from "./member-role-field";

type EditedMember = { id: string; role: MemberRole };
type Props = { member: EditedMember; projectSlug: string; assignable: MemberRole[]; onDone: () => void };

/** Sends the role the form showed (`from`): a change over someone else's is refused, with "Reload" (SPEC §6). */
export function ChangeRoleForm({ member, projectSlug, ...props }: Props) {
  const { value, loads, reload } = useReloadable<EditedMember>(member, () => currentMemberAction(null, { projectSlug, id: member.id }));
  return <RoleForm key={loads} member={value} projectSlug={projectSlug} {...props} reloaded={loads > 0} reload={reload} />;
}

function RoleForm({ member, projectSlug, assignable, onDone, reloaded, reload }: Props & { reloaded: boolean; reload: Reload }) {
  const formRef = useRef<HTMLFormElement>(null);
  // Reload replaced the form (and the button with it): focus the role as it is now rather than the page.
  useEffect(() => {
    if (reloaded) formRef.current?.querySelector<HTMLElement>('[role="radio"][data-state="checked"]')?.focus();
  }, [reloaded]);
  // Making, changing or removing an owner needs sudo mode: "Confirm it's you", then the same submission again.
  const { withFreshAuth, confirmDialog } = useFreshAuth();
  const action = useMemo(() => withFreshAuth(changeMemberRoleAction), [withFreshAuth]);
  const { onSubmit, pending, fieldErrors, formError, conflict } = useFormAction(action, { onSuccess: () => onDone(), toast: "Role changed." });
  // The dialog sits outside the form: a portal's submit event still bubbles through React's tree.
  return (
    <>
      <form ref={formRef} method="post" onSubmit={onSubmit} noValidate className="space-y-4">
        <input type="hidden" name="projectSlug" value={projectSlug} />
        <input type="hidden" name="id" value={member.id} />
        <input type="hidden" name="from" value={member.role} />
        {conflict ? <ConflictNotice what="member" conflict={conflict} onReload={reload.run} reloading={reload.pending} reloadError={reload.error} /> : <FormError message={formError} />}
        <MemberRoleField idPrefix="change-role" defaultRole={member.role} assignable={assignable} errors={fieldErrors?.role} />
        <FormActions submitLabel="Save" pending={pending} onCancel={onDone} />
      </form>
      {confirmDialog}
    </>
  );
}
