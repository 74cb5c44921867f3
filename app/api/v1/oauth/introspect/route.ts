// POST /api/v1/oauth/introspect: token introspection (RFC 7662), by the client the token was
// issued to; any other token, however valid elsewhere, is {"active": false}.
import { clientEndpoint, issuer, oauthMethodNotAllowed } from "@/lib/oauth/endpoint";
import { OAuthError } from "@/lib/oauth/errors";
import { introspectToken } from "@/lib/oauth/tokens";

export const POST = clientEndpoint(async ({ form, client }) => {
  const token = form.get("token");
  if (!token) throw new OAuthError("invalid_request", "token is required.");
  return introspectToken(client, token, issuer());
});
export const GET = oauthMethodNotAllowed("client", ["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
