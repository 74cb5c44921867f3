// POST /api/v1/oauth/token: the client-credentials grant (RFC 6749 §4.4). An lk_at_ access token,
// at most an hour long, for the requested scope or, without one, the client's whole scope.
import { clientEndpoint, oauthMethodNotAllowed } from "@/lib/oauth/endpoint";
import { OAuthError } from "@/lib/oauth/errors";
import { issueToken } from "@/lib/oauth/tokens";

export const POST = clientEndpoint(async ({ form, client }) => {
  const grant = form.get("grant_type");
  if (!grant) throw new OAuthError("invalid_request", "grant_type is required.");
  if (grant !== "client_credentials") throw new OAuthError("unsupported_grant_type", "This server issues tokens for the client_credentials grant only.");
  return issueToken(client, form.get("scope"));
});
export const GET = oauthMethodNotAllowed("client", ["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
