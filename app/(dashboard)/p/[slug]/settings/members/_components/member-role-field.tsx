"use client";
import { RadioGroup } from "radix-ui";
import { FieldError } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { MEMBER_ROLE_INFO, MEMBER_ROLES, type MemberRole } from "@/lib/permissions";
import { assignRefusal } from "@/lib/members/rules";

const ROLES_OWNER_FIRST: MemberRole[] = [...MEMBER_ROLES].reverse();

const radioItem =
  "mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded-full border border-zinc-400 bg-white data-[state=checked]:border-brand-600 disabled:opacity-40";

/** The "Role" radio group of the add and change-role dialogs; only the roles the caller may give can be picked. */
export function MemberRoleField({ idPrefix, defaultRole, assignable, errors }: { idPrefix: string; defaultRole: MemberRole; assignable: MemberRole[]; errors?: string[] }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-zinc-800">Role</legend>
      <RadioGroup.Root
        name="role"
        defaultValue={defaultRole}
        aria-label="Role"
        aria-invalid={Boolean(errors)}
        aria-describedby={id("role-error")}
        className="mt-2 grid gap-2"
      >
        {ROLES_OWNER_FIRST.map((role) => {
          const disabled = !assignable.includes(role);
          return (
            <label
              key={role}
              className={cn(
                "flex cursor-pointer gap-3 rounded-lg border p-3 text-sm has-[[data-state=checked]]:border-brand-500 has-[[data-state=checked]]:bg-brand-50/50",
                disabled ? "cursor-not-allowed border-zinc-200 opacity-60" : "border-zinc-200 hover:border-zinc-300",
              )}
            >
              <RadioGroup.Item value={role} disabled={disabled} className={radioItem} aria-labelledby={id(`role-${role}`)} aria-describedby={id(`role-${role}-desc`)}>
                <RadioGroup.Indicator className="h-2 w-2 rounded-full bg-brand-600" />
              </RadioGroup.Item>
              <span>
                <span id={id(`role-${role}`)} className="font-medium text-zinc-900">
                  {MEMBER_ROLE_INFO[role].label}
                </span>
                <span id={id(`role-${role}-desc`)} className="mt-0.5 block text-xs leading-snug text-zinc-600">
                  {disabled ? assignRefusal(role) : MEMBER_ROLE_INFO[role].description}
                </span>
              </span>
            </label>
          );
        })}
      </RadioGroup.Root>
      <FieldError id={id("role-error")} errors={errors} />
    </fieldset>
  );
}
