// How a client authenticates at the token endpoint (RFC 7591 §2): read by the registration
// checks, the RFC 8414 metadata and the dashboard's picker alike.

export const TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"] as const;
export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number];

export const AUTH_METHOD_INFO: Record<TokenEndpointAuthMethod, { label: string; description: string }> = {
  client_secret_basic: { label: "HTTP Basic", description: "The client id and secret in an Authorization: Basic header. Most libraries use this." },
  client_secret_post: { label: "Form body", description: "The client id and secret as client_id and client_secret fields of the form body." },
};
