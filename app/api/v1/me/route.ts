// GET /api/v1/me: the calling key's identity and its project [any key]
import { apiRoute, optionsRoute } from "@/lib/api/handler";
import { projectSummary } from "@/lib/projects/queries";

export const GET = apiRoute("any", async ({ key }) => ({
  id: key.id,
  name: key.name,
  kind: key.kind,
  role: key.role,
  scope: key.scope,
  channels: key.channels,
  expiresAt: key.expiresAt,
  project: await projectSummary(key.projectId),
}));
export const OPTIONS = optionsRoute(["GET"]);
