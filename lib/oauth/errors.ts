// Errors of the OAuth endpoints (SPEC §14) in the RFC shape: `{"error","error_description"}`
// (RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 6750 §3), never the §7 envelope, and never cached.

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "invalid_token"
  | "insufficient_scope"
  | "invalid_redirect_uri"
  | "invalid_client_metadata"
  | "unsupported_token_type"
  | "temporarily_unavailable"
  | "server_error";

export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

/** The challenge of a refused client authentication (RFC 6749 §5.2; every 401 names a scheme, RFC 9110 §15.5.2). */
export const BASIC_CHALLENGE = { "WWW-Authenticate": 'Basic realm="latchkey"' } as const;

/** Every OAuth answer carries these: tokens and secrets must never sit in a cache (RFC 6749 §5.1). */
export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" } as const;

export function oauthErrorBody(error: OAuthError) {
  return { error: error.error, error_description: error.description };
}
