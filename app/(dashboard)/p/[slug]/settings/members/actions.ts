"use server";
import { revalidatePath } from "next/cache";
import { projectAction } from "@/lib/auth/project-action";
import { MANAGE } from "@/lib/members/rules";
import { addMemberSchema, changeMemberRoleSchema, memberIdSchema } from "@/lib/members/schemas";
import { addMember, cancelInvitation, changeMemberRole, removeMember } from "@/lib/members/service";
import { requireFreshAuthForOwnerChange } from "@/lib/members/owner-changes";
import { invitationLink, resendInvitation } from "@/lib/invitations/service";
import { memberForEdit } from "@/lib/members/queries";
import { refusingStaleEdits } from "@/lib/edit-conflict";
import { notFound } from "@/lib/errors";

// The whole project layout: the sidebar shows the signed-in member's role and projects.
const refresh = () => revalidatePath("/p/[slug]", "layout");

export const addMemberAction = projectAction(addMemberSchema, MANAGE, async (input, { project, user, audit, role }) => {
  await requireFreshAuthForOwnerChange({ project, user, role }, { role: input.role });
  const added = await addMember(project.id, input, audit, { userId: user.id });
  refresh();
  return added;
});

export const changeMemberRoleAction = projectAction(changeMemberRoleSchema, MANAGE, async (input, { project, user, audit, role }) => {
  await requireFreshAuthForOwnerChange({ project, user, role }, { role: input.role, memberId: input.id });
  // Refused if the member's role is no longer the one the form showed (`from`, SPEC §6).
  const target = { type: "member", id: input.id };
  const result = await refusingStaleEdits("member", project.id, target, () => changeMemberRole(project.id, input, audit, { userId: user.id }));
  refresh();
  return result;
});

/** "Reload" after a refused role change: the member's current role. */
export const currentMemberAction = projectAction(memberIdSchema, MANAGE, async ({ id }, { project }) => {
  const member = await memberForEdit(project.id, id);
  if (!member) throw notFound("Member");
  return member;
});

export const removeMemberAction = projectAction(memberIdSchema, MANAGE, async (input, { project, user, audit, role }) => {
  await requireFreshAuthForOwnerChange({ project, user, role }, { memberId: input.id });
  const result = await removeMember(project.id, input, audit, { userId: user.id });
  refresh();
  return result;
});

export const cancelInvitationAction = projectAction(memberIdSchema, MANAGE, async (input, { project, user, audit }) => {
  const result = await cancelInvitation(project.id, input, audit, { userId: user.id });
  refresh();
  return result;
});

export const copyInvitationLinkAction = projectAction(memberIdSchema, MANAGE, async (input, { project, user, audit, role }) => {
  await requireFreshAuthForOwnerChange({ project, user, role }, { invitationId: input.id });
  const { link } = await invitationLink(project.id, input, audit, { userId: user.id });
  return { link };
});

export const resendInvitationAction = projectAction(memberIdSchema, MANAGE, async (input, { project, user, audit, role }) => {
  await requireFreshAuthForOwnerChange({ project, user, role }, { invitationId: input.id });
  const result = await resendInvitation(project.id, input, audit, { userId: user.id });
  refresh();
  return result;
});
