// POST /api/v1/oauth/token: the client-credentials grant (RFC 6749 §4.4). An lk_at_ access token,
// at most an hour long, for the requested scope or, without one, the client's whole scope.
import { clientEndpoint, oauthMethodNotAllowed } from "@/lib/oauth/endpoint";
import { OAuthError } from "@/lib/oauth/errors";
import { issueToken, TOKENS_PER_MINUTE } from "@/lib/oauth/tokens";
import { rateLimits } from "@/lib/api/rate-limits";

export const POST = clientEndpoint(async ({ form, client }) => {
  const grant = form.get("grant_type");
  if (!grant) throw new OAuthError("invalid_request", "grant_type is required.");
  if (grant !== "client_credentials") throw new OAuthError("unsupported_grant_type", "This server issues tokens for the client_credentials grant only.");
  // Each token is a stored row for a day past its hour: a client needs one an hour, so a leaked
  // secret cannot fill the database, or push real keys out of the verification cache, with them.
  const issuance = await rateLimits().takeKeyRequest(`token-issuance:${client.id}`, TOKENS_PER_MINUTE);
  if (!issuance.allowed) {
    const retry = issuance.headers["Retry-After"];
    throw new OAuthError("temporarily_unavailable", `This client asked for more than ${TOKENS_PER_MINUTE} tokens in a minute; reuse a token until it expires (try again in ${retry} seconds).`, 429, {
      "Retry-After": retry,
    });
  }
  return issueToken(client, form.get("scope"));
});
export const GET = oauthMethodNotAllowed("client", ["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
