import { z } from "zod";
import type { ZodOpenApiPathsObject, ZodOpenApiResponseObject } from "zod-openapi";
import { TOKEN_ENDPOINT_AUTH_METHODS } from "./auth-methods";
import { SCOPES } from "./scopes";

// The OAuth endpoints (SPEC §14) in the OpenAPI document. They answer in the RFC shapes, not the
// §7 envelope, and authenticate differently: registration with an admin key (RFC 7591's initial
// access token), the configuration endpoint with the registration access token (RFC 7592), the
// token, revocation and introspection endpoints with the client's id and secret. Clients find
// them at /.well-known/oauth-authorization-server (RFC 8414).

const V1 = "/api/v1/oauth";
const TAGS = ["OAuth"];

const scopeText = z
  .string()
  .meta({ description: `Space-separated permissions: ${SCOPES.slice(0, 4).join(", ")}, … (see scopes_supported in the discovery document).`, example: "campaigns:write users:read" });

const oauthError = z
  .object({ error: z.string().meta({ description: "An RFC 6749 §5.2, RFC 6750 §3 or RFC 7591 §3.2.2 error code." }), error_description: z.string() })
  .meta({ id: "OAuthError", description: "An OAuth error (not the API's error envelope)." });

const clientMetadata = z
  .looseObject({
    client_name: z.string().min(1).max(100).optional(),
    grant_types: z.array(z.literal("client_credentials")).min(1).optional(),
    token_endpoint_auth_method: z.enum(TOKEN_ENDPOINT_AUTH_METHODS).optional().meta({ description: "Default client_secret_basic." }),
    scope: scopeText,
  })
  .meta({ id: "OAuthClientMetadata", description: "RFC 7591 client metadata. Other metadata is ignored; redirect_uris is refused (invalid_redirect_uri)." });

const clientInformation = z
  .object({
    client_id: z.string(),
    client_secret: z.string().optional().meta({ description: "lk_cs_…: in the registration answer only." }),
    client_secret_expires_at: z.literal(0).optional(),
    client_id_issued_at: z.int(),
    client_name: z.string(),
    grant_types: z.array(z.literal("client_credentials")),
    response_types: z.array(z.string()).max(0),
    token_endpoint_auth_method: z.enum(TOKEN_ENDPOINT_AUTH_METHODS),
    scope: z.string(),
    registration_access_token: z.string().meta({ description: "lk_rt_…: a new one in every answer; it replaces the one sent." }),
    registration_client_uri: z.url(),
  })
  .meta({ id: "OAuthClientInformation" });

const tokenResponse = z
  .object({ access_token: z.string().meta({ description: "lk_at_…" }), token_type: z.literal("Bearer"), expires_in: z.int().max(3600), scope: z.string() })
  .meta({ id: "OAuthTokenResponse" });

const introspection = z
  .object({
    active: z.boolean(),
    scope: z.string().optional(),
    client_id: z.string().optional(),
    token_type: z.literal("Bearer").optional(),
    exp: z.int().optional(),
    iat: z.int().optional(),
    sub: z.string().optional(),
    iss: z.string().optional(),
  })
  .meta({ id: "OAuthIntrospection", description: 'RFC 7662; another client\'s token is `{"active": false}`.' });

const clientAuthForm = { client_id: z.string().optional().meta({ description: "With client_secret_post." }), client_secret: z.string().optional() };
const form = (shape: z.ZodRawShape) => ({ content: { "application/x-www-form-urlencoded": { schema: z.object(shape) } } });
const json = (schema: z.ZodType, description: string): ZodOpenApiResponseObject => ({ description, content: { "application/json": { schema } } });
const refused = (description: string) => json(oauthError, description);
const CLIENT_ERRORS = {
  400: refused("invalid_request, invalid_scope, unsupported_grant_type, …"),
  401: refused("invalid_client (with WWW-Authenticate: Basic)"),
  405: refused("Another method"),
  413: refused("A body over 16 KB"),
  429: refused("Too many failed authentications from this address, or the client's rate limit"),
};
const REGISTRATION_ERRORS = {
  400: refused("invalid_client_metadata or invalid_redirect_uri"),
  401: refused("invalid_token (with WWW-Authenticate: Bearer)"),
  405: refused("Another method"),
};
const CLIENT_ID_PATH = z.object({ clientId: z.string().meta({ description: "The client_id.", param: { id: "ClientId" } }) });
const clientAuth: Record<string, string[]>[] = [{ clientBasic: [] }, {}];
const registrationAuth: Record<string, string[]>[] = [{ bearerAuth: [] }];

export function oauthPaths(): ZodOpenApiPathsObject {
  return {
    [`${V1}/register`]: {
      post: {
        tags: TAGS,
        operationId: "registerOAuthClient",
        summary: "Register an OAuth client (RFC 7591)",
        security: registrationAuth,
        "x-required-role": "admin",
        description: "Required role: **admin**. The admin key is the initial access token. A client never gets more than the key holds (scopes, channels, rate limit). Owners and admins are e-mailed.",
        requestBody: { content: { "application/json": { schema: clientMetadata } } },
        responses: {
          201: json(clientInformation, "The client, with its secret (once)"),
          ...REGISTRATION_ERRORS,
          403: refused("insufficient_scope: not an admin key"),
          413: refused("Metadata over 16 KB"),
        },
      },
    },
    [`${V1}/register/{clientId}`]: {
      get: {
        tags: TAGS,
        operationId: "readOAuthClient",
        summary: "Read a client's configuration (RFC 7592)",
        security: registrationAuth,
        description: "Authenticated by the registration access token, which this answer replaces.",
        requestParams: { path: CLIENT_ID_PATH },
        responses: { 200: json(clientInformation, "The client (no secret)"), ...REGISTRATION_ERRORS },
      },
      put: {
        tags: TAGS,
        operationId: "updateOAuthClient",
        summary: "Update a client's configuration (RFC 7592)",
        security: registrationAuth,
        description: "The body names the client's client_id; the scope may narrow, never widen. Live tokens lose what the new scope drops.",
        requestParams: { path: CLIENT_ID_PATH },
        requestBody: { content: { "application/json": { schema: clientMetadata } } },
        responses: { 200: json(clientInformation, "The client as updated"), ...REGISTRATION_ERRORS, 413: refused("Metadata over 16 KB") },
      },
      delete: {
        tags: TAGS,
        operationId: "deleteOAuthClient",
        summary: "Delete a client (RFC 7592)",
        security: registrationAuth,
        description: "Its tokens stop working at once on every instance.",
        requestParams: { path: CLIENT_ID_PATH },
        responses: { 204: { description: "Deleted" }, ...REGISTRATION_ERRORS },
      },
    },
    [`${V1}/token`]: {
      post: {
        tags: TAGS,
        operationId: "getOAuthToken",
        summary: "Get an access token (client credentials, RFC 6749 §4.4)",
        security: clientAuth,
        description: "At most 60 a minute per client.",
        requestBody: form({ grant_type: z.literal("client_credentials"), scope: scopeText.optional(), ...clientAuthForm }),
        responses: { 200: json(tokenResponse, "An access token"), ...CLIENT_ERRORS },
      },
    },
    [`${V1}/revoke`]: {
      post: {
        tags: TAGS,
        operationId: "revokeOAuthToken",
        summary: "Revoke an access token (RFC 7009)",
        security: clientAuth,
        requestBody: form({ token: z.string(), token_type_hint: z.string().optional(), ...clientAuthForm }),
        responses: { 200: json(z.object({}), "Revoked, or not a live token of this client's"), ...CLIENT_ERRORS },
      },
    },
    [`${V1}/introspect`]: {
      post: {
        tags: TAGS,
        operationId: "introspectOAuthToken",
        summary: "Introspect an access token (RFC 7662)",
        security: clientAuth,
        requestBody: form({ token: z.string(), token_type_hint: z.string().optional(), ...clientAuthForm }),
        responses: { 200: json(introspection, "What the token is"), ...CLIENT_ERRORS },
      },
    },
  };
}
