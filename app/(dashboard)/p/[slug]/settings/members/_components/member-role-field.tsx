"use client";
import { RadioCards } from "@/components/ui/radio-cards";
import { MEMBER_ROLE_INFO, MEMBER_ROLES, type MemberRole } from "@/lib/permissions";
import { assignRefusal } from "@/lib/members/rules";

const ROLES_OWNER_FIRST: MemberRole[] = [...MEMBER_ROLES].reverse();

/** The "Role" radio group of the add and change-role dialogs; only the roles the caller may give can be picked. */
export function MemberRoleField({ idPrefix, defaultRole, assignable, errors }: { idPrefix: string; defaultRole: MemberRole; assignable: MemberRole[]; errors?: string[] }) {
  return (
    <RadioCards
      idPrefix={`${idPrefix}-role`}
      name="role"
      legend="Role"
      defaultValue={defaultRole}
      errors={errors}
      options={ROLES_OWNER_FIRST.map((role) => {
        const disabled = !assignable.includes(role);
        return { value: role, label: MEMBER_ROLE_INFO[role].label, description: disabled ? assignRefusal(role) : MEMBER_ROLE_INFO[role].description, disabled };
      })}
    />
  );
}
