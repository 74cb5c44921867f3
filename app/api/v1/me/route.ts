// GET /api/v1/me: the calling key's identity and its project [any key]
import { apiRoute, methodNotAllowed, optionsRoute } from "@/lib/api/handler";
import { projectSummary } from "@/lib/projects/queries";

export const GET = apiRoute("any", async ({ key }) => ({
  id: key.id,
  name: key.name,
  kind: key.kind,
  role: key.role,
  scope: key.scope,
  channels: key.channels,
  expiresAt: key.expiresAt,
  client: key.client ?? null,
  project: await projectSummary(key.projectId),
}));
export const OPTIONS = optionsRoute(["GET"], { GET });
export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
