// GET /.well-known/oauth-authorization-server: authorization server metadata (RFC 8414).
import { publicMethodNotAllowed, publicRoute } from "@/lib/api/handler";
import { issuer, oauthEndpoints } from "@/lib/oauth/endpoint";
import { TOKEN_ENDPOINT_AUTH_METHODS } from "@/lib/oauth/clients";
import { SCOPES } from "@/lib/oauth/scopes";

export const GET = publicRoute(async () => {
  const endpoints = oauthEndpoints();
  return {
    issuer: issuer(),
    token_endpoint: endpoints.token,
    registration_endpoint: endpoints.registration,
    revocation_endpoint: endpoints.revocation,
    introspection_endpoint: endpoints.introspection,
    grant_types_supported: ["client_credentials"],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: TOKEN_ENDPOINT_AUTH_METHODS,
    revocation_endpoint_auth_methods_supported: TOKEN_ENDPOINT_AUTH_METHODS,
    introspection_endpoint_auth_methods_supported: TOKEN_ENDPOINT_AUTH_METHODS,
    scopes_supported: SCOPES,
    service_documentation: `${issuer()}/api/v1/openapi.json`,
  };
});
export const POST = publicMethodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
