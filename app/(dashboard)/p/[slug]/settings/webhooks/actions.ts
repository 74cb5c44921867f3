"use server";
import { revalidatePath } from "next/cache";
import { projectAction } from "@/lib/auth/project-action";
import { MANAGE } from "@/lib/members/rules";
import { createEndpoint, deleteEndpoint, sendTestEvent } from "@/lib/webhooks/service";
import { createEndpointSchema, endpointIdSchema } from "@/lib/webhooks/schemas";

// The Webhooks pages' mutations; projectAction re-checks membership and role on the server.

const refresh = () => revalidatePath("/p/[slug]/settings/webhooks", "layout");

/** The signing secret leaves the server here, once. */
export const createEndpointAction = projectAction(createEndpointSchema, MANAGE, async (input, { project, audit }) => {
  const { endpoint, secret } = await createEndpoint(project.id, input, audit);
  refresh();
  return { id: endpoint.id, url: endpoint.url, secret };
});

export const deleteEndpointAction = projectAction(endpointIdSchema, MANAGE, async ({ id }, { project, audit }) => {
  const result = await deleteEndpoint(project.id, id, audit);
  refresh();
  return result;
});

export const sendTestEventAction = projectAction(endpointIdSchema, MANAGE, async ({ id }, { project, audit }) => {
  const { messageId } = await sendTestEvent(project.id, id, audit);
  refresh();
  return { messageId };
});
