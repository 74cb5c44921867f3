// POST /api/v1/oauth/revoke: token revocation (RFC 7009), by the client the token was issued to.
import { clientEndpoint, oauthJson, oauthMethodNotAllowed } from "@/lib/oauth/endpoint";
import { OAuthError } from "@/lib/oauth/errors";
import { revokeToken } from "@/lib/oauth/tokens";

export const POST = clientEndpoint(async ({ form, client, audit, requestId }) => {
  const token = form.get("token");
  if (!token) throw new OAuthError("invalid_request", "token is required.");
  // token_type_hint is only a hint (RFC 7009 §2.1): a wrong one must not save the token; access tokens are all there is.
  await revokeToken(client, token, audit);
  return oauthJson({}, 200, requestId);
});
export const GET = oauthMethodNotAllowed("client", ["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
