"use server";
import { revalidatePath } from "next/cache";
import { projectAction } from "@/lib/auth/project-action";
import { MANAGE } from "@/lib/members/rules";
import { channelIdSchema, createChannelSchema, renameChannelSchema } from "@/lib/channels/schemas";
import { createChannel, deleteChannel, renameChannel } from "@/lib/channels/service";

const refresh = () => revalidatePath("/p/[slug]/settings", "layout");

export const createChannelAction = projectAction(createChannelSchema, MANAGE, async (input, { project, audit }) => {
  const channel = await createChannel(project.id, input, audit);
  refresh();
  return channel;
});

export const renameChannelAction = projectAction(renameChannelSchema, MANAGE, async (input, { project, audit }) => {
  const result = await renameChannel(project.id, input, audit);
  refresh();
  return result;
});

export const deleteChannelAction = projectAction(channelIdSchema, MANAGE, async ({ id }, { project, audit }) => {
  const result = await deleteChannel(project.id, id, audit);
  refresh();
  return result;
});
