import "server-only";
import { apiHeaders } from "@/scripts/api-envelope.mjs";
import { ApiError, toApiError, type ErrorCode } from "@/lib/api/errors";
import { GUARDED, takeKeyRequest, type Guarded } from "@/lib/api/handler";
import { requestIdFor } from "@/lib/api/request-id";
import { readBody } from "@/lib/api/body";
import { clientIp } from "@/lib/api/client-ip";
import { addHeaders, rateLimits } from "@/lib/api/rate-limits";
import type { AuditContext } from "@/lib/audit/record";
import { appUrl } from "@/lib/mail/templates";
import { BASIC_CHALLENGE, NO_STORE, OAuthError, oauthErrorBody } from "./errors";
import { authenticateClient, type AuthenticatedClient } from "./tokens";
import { clientByRegistrationToken, type ClientRow } from "./clients";
import { parseKey } from "@/lib/keys/format";

// The HTTP side of the OAuth endpoints (SPEC §14): form bodies (RFC 6749 §3.2), client
// authentication by client_secret_basic or client_secret_post (§2.3.1), and answers in the RFC
// shape with no-store. Failed client authentications count toward the same per-address limit as
// failed key checks, so the token endpoint cannot be used to guess secrets either.

export const MAX_FORM_BYTES = 16 * 1024;

/** The issuer (RFC 8414): the public URL this server is reached at. */
export const issuer = () => appUrl();
export const oauthEndpoints = () => {
  const base = `${issuer()}/api/v1/oauth`;
  return { token: `${base}/token`, registration: `${base}/register`, revocation: `${base}/revoke`, introspection: `${base}/introspect` };
};

export function oauthJson(body: unknown, status: number, requestId: string, extra: Record<string, string> = {}): Response {
  // Set one by one: the envelope's lower-case names and ours would otherwise both be sent ("no-store, no-store").
  const headers = new Headers();
  for (const [name, value] of Object.entries({ ...apiHeaders(requestId), ...NO_STORE, ...extra })) headers.set(name, value);
  return Response.json(body, { status, headers });
}

export function oauthErrorResponse(error: unknown, requestId: string): Response {
  const oauth = error instanceof OAuthError ? error : fromApiError(toApiError(error));
  if (oauth.error === "server_error") console.error(`[${requestId}] unhandled error in an OAuth endpoint: ${(error as Error)?.name ?? typeof error}`);
  return oauthJson(oauthErrorBody(oauth), oauth.status, requestId, oauth.headers);
}

const BEARER_CHALLENGE = (error?: string) => `Bearer realm="latchkey"${error ? `, error="${error}"` : ""}`;

/** A refusal of the key guard (the initial access token) or of the body, in RFC 6750 / 7591 terms. */
function fromApiError(error: ApiError): OAuthError {
  const headers = { ...error.headers };
  delete headers["WWW-Authenticate"];
  const map: Partial<Record<ErrorCode, () => OAuthError>> = {
    missing_api_key: () =>
      new OAuthError("invalid_token", "Send an admin API key as the initial access token: Authorization: Bearer <key>.", 401, { ...headers, "WWW-Authenticate": BEARER_CHALLENGE() }),
    ambiguous_credentials: () => new OAuthError("invalid_request", error.message, 400, headers),
    insufficient_permissions: () =>
      new OAuthError("insufficient_scope", "Registering OAuth clients needs an admin API key.", 403, { ...headers, "WWW-Authenticate": BEARER_CHALLENGE("insufficient_scope") }),
    scope_violation: () => new OAuthError("insufficient_scope", error.message, 403, { ...headers, "WWW-Authenticate": BEARER_CHALLENGE("insufficient_scope") }),
    invalid_json: () => new OAuthError("invalid_client_metadata", error.message, 400, headers),
    validation_failed: () => new OAuthError("invalid_client_metadata", error.message, 400, headers),
    payload_too_large: () => new OAuthError("invalid_client_metadata", error.message, 413, headers),
    method_not_allowed: () => new OAuthError("invalid_request", error.message, 405, headers),
    not_found: () => new OAuthError("invalid_token", "No client is registered under this registration access token.", 401, { "WWW-Authenticate": BEARER_CHALLENGE("invalid_token") }),
    rate_limited: () => new OAuthError("temporarily_unavailable", error.message, 429, headers),
    unavailable: () => new OAuthError("temporarily_unavailable", error.message, 503, headers),
  };
  for (const code of ["invalid_api_key", "key_revoked", "key_expired", "key_disabled"] as const) {
    map[code] = () => new OAuthError("invalid_token", error.message, 401, { ...headers, "WWW-Authenticate": BEARER_CHALLENGE("invalid_token") });
  }
  return map[error.code]?.() ?? new OAuthError("server_error", "Something went wrong on our side.", 500);
}

/** An application/x-www-form-urlencoded body of at most 16 KB, each parameter at most once. */
export async function readForm(req: Request): Promise<Map<string, string>> {
  const type = req.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded (RFC 6749 §3.2).");
  // Read with the cap as it streams: these endpoints answer before any authentication, so a chunked
  // body without Content-Length must not be buffered whole.
  const bytes = await readBody(req, MAX_FORM_BYTES).catch((error: unknown) => {
    throw error instanceof ApiError && error.code === "payload_too_large" ? new OAuthError("invalid_request", `The body is larger than ${MAX_FORM_BYTES} bytes.`, 413) : error;
  });
  const form = new Map<string, string>();
  const seen = new Set<string>();
  for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) {
    // RFC 6749 §3.2: no parameter twice, even when one of the two is empty.
    if (seen.has(name)) throw new OAuthError("invalid_request", `The parameter "${name}" was sent more than once.`);
    seen.add(name);
    if (value !== "") form.set(name, value);
  }
  return form;
}

type ClientCredentials = { clientId: string; clientSecret: string; method: "client_secret_basic" | "client_secret_post" };

/** The client's id and secret from exactly one place: the Basic header or the body. */
function credentialsOf(req: Request, form: Map<string, string>): ClientCredentials {
  const authorization = req.headers.get("authorization");
  const inBody = form.has("client_id") || form.has("client_secret");
  if (authorization !== null) {
    if (inBody) throw new OAuthError("invalid_request", "Authenticate the client one way: the Authorization header or client_id and client_secret in the body, not both.");
    const match = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})[ ]*$/i.exec(authorization.length <= 1024 ? authorization : "");
    const decoded = match ? Buffer.from(match[1], "base64").toString("utf8") : "";
    const colon = decoded.indexOf(":");
    if (colon < 0) throw new OAuthError("invalid_client", "The Authorization header must be Basic base64(client_id:client_secret).", 401, BASIC_CHALLENGE);
    try {
      // RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
      return {
        clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
        clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
        method: "client_secret_basic",
      };
    } catch {
      throw new OAuthError("invalid_client", "The client credentials are not correctly encoded.", 401, BASIC_CHALLENGE);
    }
  }
  const clientId = form.get("client_id");
  const clientSecret = form.get("client_secret");
  if (!clientId || !clientSecret) throw new OAuthError("invalid_client", "Authenticate the client: HTTP Basic with client_id and client_secret, or both in the body.", 401, BASIC_CHALLENGE);
  return { clientId, clientSecret, method: "client_secret_post" };
}

async function authenticate(req: Request, form: Map<string, string>, ip: string | null): Promise<AuthenticatedClient> {
  const credentials = credentialsOf(req, form);
  const limiterKey = ip ?? "unknown";
  const retry = await rateLimits().failedChecksRetryAfter(limiterKey);
  if (retry > 0) throw new OAuthError("temporarily_unavailable", "Too many failed client authentications from this address; try again later.", 429, { "Retry-After": String(retry) });
  const client = await authenticateClient(credentials.clientId, credentials.clientSecret);
  // Every 401 names a scheme (RFC 9110 §15.5.2), body credentials or not (RFC 6749 §5.2 allows it).
  if (!client) {
    await rateLimits().recordFailedCheck(limiterKey);
    throw new OAuthError("invalid_client", "Client authentication failed.", 401, BASIC_CHALLENGE);
  }
  if (client.authMethod !== credentials.method) throw new OAuthError("invalid_client", `This client was registered to authenticate with ${client.authMethod}.`, 401, BASIC_CHALLENGE);
  return client;
}

export type ClientContext = { req: Request; form: Map<string, string>; client: AuthenticatedClient; requestId: string; audit: AuditContext };

/** A POST endpoint the client authenticates to with its id and secret: token, revocation, introspection. */
export function clientEndpoint(handler: (ctx: ClientContext) => Promise<Response | object>): Guarded<unknown> {
  const route = async (req: Request) => {
    const requestId = requestIdFor(req.headers);
    const ip = clientIp(req.headers);
    try {
      const form = await readForm(req);
      const client = await authenticate(req, form, ip);
      // The client's calls count against its rate limit (its backing key's, the counter its tokens
      // use on /api/v1), so it cannot mint tokens, each a stored row, faster than it may use them.
      const limitHeaders = await takeKeyRequest({ id: client.keyId, rateLimit: client.rateLimit }, "client");
      const audit: AuditContext = { actor: { type: "key", id: client.keyId, label: client.name }, meta: { ip, userAgent: req.headers.get("user-agent") } };
      const result = await handler({ req, form, client, requestId, audit });
      return addHeaders(result instanceof Response ? result : oauthJson(result, 200, requestId), limitHeaders);
    } catch (error) {
      return oauthErrorResponse(error, requestId);
    }
  };
  return Object.assign(route, { [GUARDED]: "client" as const });
}

export type RegistrationContext = { req: Request; client: ClientRow; requestId: string; audit: AuditContext };

/** RFC 7592: the client configuration endpoint, authenticated by the registration access token. */
export function registrationEndpoint<P extends { clientId: string }>(handler: (ctx: RegistrationContext) => Promise<Response | object>): Guarded<P> {
  const route = async (req: Request, ctx: { params: Promise<P> }) => {
    const requestId = requestIdFor(req.headers);
    const ip = clientIp(req.headers);
    try {
      const { clientId } = await ctx.params;
      const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(req.headers.get("authorization")?.slice(0, 512) ?? "");
      if (!match) throw new OAuthError("invalid_token", "Send the registration access token: Authorization: Bearer <token>.", 401, { "WWW-Authenticate": BEARER_CHALLENGE() });
      const limiterKey = ip ?? "unknown";
      const retry = await rateLimits().failedChecksRetryAfter(limiterKey);
      if (retry > 0) throw new OAuthError("temporarily_unavailable", "Too many failed authentications from this address; try again later.", 429, { "Retry-After": String(retry) });
      const client = await clientByRegistrationTokenChecked(match[1]);
      // RFC 7592 §3: a token for another client, or none, is 401 with no hint of which.
      if (!client || client.clientId !== clientId) {
        await rateLimits().recordFailedCheck(limiterKey);
        throw new OAuthError("invalid_token", "The registration access token is not valid for this client.", 401, { "WWW-Authenticate": BEARER_CHALLENGE("invalid_token") });
      }
      const audit: AuditContext = { actor: { type: "key", id: client.keyId, label: client.name }, meta: { ip, userAgent: req.headers.get("user-agent") } };
      const result = await handler({ req, client, requestId, audit });
      return result instanceof Response ? result : oauthJson(result, 200, requestId);
    } catch (error) {
      return oauthErrorResponse(error, requestId);
    }
  };
  return Object.assign(route, { [GUARDED]: "registration" as const });
}

async function clientByRegistrationTokenChecked(token: string) {
  const parsed = parseKey(token);
  if (!parsed.ok || parsed.kind !== "rt") return null;
  return clientByRegistrationToken(token);
}

/** 405 in the RFC shape for a method an OAuth endpoint does not serve; marked like the endpoint's own handlers. */
export function oauthMethodNotAllowed<P = unknown>(kind: "key" | "client" | "registration", allowed: string[]): Guarded<P> {
  const route = async (req: Request) => {
    const requestId = requestIdFor(req.headers);
    return oauthJson(oauthErrorBody(new OAuthError("invalid_request", `This endpoint accepts ${allowed.join(", ")}.`)), 405, requestId, { Allow: [...allowed, "OPTIONS"].join(", ") });
  };
  return Object.assign(route, { [GUARDED]: kind });
}
