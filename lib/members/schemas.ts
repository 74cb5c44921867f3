import { z } from "zod";
import { MEMBER_ROLES } from "@/lib/permissions";
import { emailField } from "@/lib/users/schemas";
import { idField } from "@/lib/validation";

const roleField = z.enum(MEMBER_ROLES, { error: "Choose owner, admin or viewer." });

export const addMemberSchema = z.object({ email: emailField, role: roleField });
/** `from`: the role the dashboard's form showed; a member whose role changed since is not changed (SPEC §6). */
export const changeMemberRoleSchema = z.object({ id: idField, role: roleField, from: roleField.optional() });
export const memberIdSchema = z.object({ id: idField });

export type AddMemberInput = z.infer<typeof addMemberSchema>;
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleSchema>;

/** The admin API's bodies (SPEC §7: unknown fields are refused). */
export const memberCreateSchema = addMemberSchema.strict();
export const memberPatchSchema = changeMemberRoleSchema.pick({ role: true }).strict();
