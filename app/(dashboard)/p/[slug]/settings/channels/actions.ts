"use server";
import { revalidatePath } from "next/cache";
import { projectAction } from "@/lib/auth/project-action";
import { MANAGE } from "@/lib/members/rules";
import { channelEditSchema, channelIdSchema, createChannelSchema } from "@/lib/channels/schemas";
import { createChannel, deleteChannel, renameChannel } from "@/lib/channels/service";
import { channelForEdit } from "@/lib/channels/queries";
import { refusingStaleEdits } from "@/lib/edit-conflict";
import { notFound } from "@/lib/errors";

const refresh = () => revalidatePath("/p/[slug]/settings", "layout");

export const createChannelAction = projectAction(createChannelSchema, MANAGE, async (input, { project, audit }) => {
  const channel = await createChannel(project.id, input, audit);
  refresh();
  return channel;
});

/** Refused if the channel changed since the form's version (SPEC §6). */
export const renameChannelAction = projectAction(channelEditSchema, MANAGE, async ({ version, ...input }, { project, audit }) => {
  const target = { type: "channel", id: input.id };
  const result = await refusingStaleEdits("channel", project.id, target, () => renameChannel(project.id, input, audit, [version]));
  refresh();
  return result;
});

/** "Reload" after a refused rename: the channel's current name and version. */
export const currentChannelAction = projectAction(channelIdSchema, MANAGE, async ({ id }, { project }) => {
  const channel = await channelForEdit(project.id, id);
  if (!channel) throw notFound("Channel");
  return channel;
});

export const deleteChannelAction = projectAction(channelIdSchema, MANAGE, async ({ id }, { project, audit }) => {
  const result = await deleteChannel(project.id, id, audit);
  refresh();
  return result;
});
