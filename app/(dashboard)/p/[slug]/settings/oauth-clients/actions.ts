"use server";
import { revalidatePath } from "next/cache";
import { projectAction } from "@/lib/auth/project-action";
import { MANAGE } from "@/lib/members/rules";
import { deleteClient, registerClient } from "@/lib/oauth/clients";
import { clientIdSchema, registerClientSchema } from "@/lib/oauth/schemas";

// The OAuth clients page's mutations; projectAction re-checks membership and role on the server.

const refresh = () => revalidatePath("/p/[slug]/settings/oauth-clients", "page");

/**
 * The client secret leaves the server here, once. The registration access token (RFC 7592) is
 * for callers of the registration API and is not handed to the dashboard.
 */
export const registerClientAction = projectAction(registerClientSchema, MANAGE, async (input, { project, user, audit }) => {
  const { client, clientSecret } = await registerClient(project.id, input, audit, { type: "user", id: user.id, label: user.email });
  refresh();
  return { name: client.name, clientId: client.clientId, clientSecret, authMethod: input.authMethod };
});

export const deleteClientAction = projectAction(clientIdSchema, MANAGE, async ({ id }, { project, audit }) => {
  const result = await deleteClient(project.id, id, audit);
  refresh();
  return result;
});
