import type { ClientRow } from "./clients";
import { oauthEndpoints } from "./endpoint";

// The client information response (RFC 7591 §3.2.1, RFC 7592 §3): the client's metadata as
// registered, with a registration access token. Only hashes of the secret and of that token are
// kept, so the secret is in the registration answer alone, and every later read or update of
// the configuration issues a new registration access token (RFC 7592 allows rotating it; the
// client must then discard the old one), which that answer carries.

export function clientInformation(client: ClientRow, secrets: { clientSecret?: string; registrationAccessToken: string }) {
  return {
    client_id: client.clientId,
    ...(secrets.clientSecret ? { client_secret: secrets.clientSecret, client_secret_expires_at: 0 } : {}),
    client_id_issued_at: Math.floor(client.createdAt.getTime() / 1000),
    client_name: client.name,
    grant_types: ["client_credentials"],
    response_types: [],
    token_endpoint_auth_method: client.authMethod,
    scope: client.scope,
    registration_access_token: secrets.registrationAccessToken,
    registration_client_uri: `${oauthEndpoints().registration}/${encodeURIComponent(client.clientId)}`,
  };
}
