import { z } from "zod";
import { controlCharacter } from "@/lib/control-characters";
import { wellFormed } from "@/lib/validation";
import { OAuthError } from "./errors";
import { parseScope, scopesBeyond } from "./scopes";
import { TOKEN_ENDPOINT_AUTH_METHODS, type ClientInput } from "./clients";

// Client metadata (RFC 7591 §2) as this server takes it: a name, the client-credentials grant only,
// one of the two secret-based authentication methods, and a scope. Metadata this server does not
// understand is ignored, as §2 requires; redirect URIs and response types belong to grants it
// does not offer, so they are refused rather than silently kept.

export const MAX_METADATA_BYTES = 16 * 1024;
const DEFAULT_NAME = "OAuth client";

const nameField = z
  .string()
  .trim()
  .min(1, "client_name must not be empty.")
  .max(100, "client_name is at most 100 characters.")
  .refine((name) => !controlCharacter(false).test(name), "client_name must not contain control characters.")
  .refine(wellFormed, "client_name must not contain an unpaired surrogate.");

const metadataSchema = z.looseObject({
  client_name: nameField.optional(),
  grant_types: z.array(z.string()).optional(),
  token_endpoint_auth_method: z.string().optional(),
  scope: z.string().max(4000, "scope is too long.").optional(),
  redirect_uris: z.unknown().optional(),
  response_types: z.unknown().optional(),
});

const invalid = (description: string) => new OAuthError("invalid_client_metadata", description);

/**
 * The client metadata in `body`, checked, or an OAuthError. `grantable`: the scopes the registrant
 * may hand out (a client never gets more than the key that registered it holds).
 */
export function clientMetadata(body: unknown, grantable: readonly string[], { requireScope = true } = {}): ClientInput {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid("Send the client metadata as a JSON object.");
  const raw = body as Record<string, unknown>;
  if (raw.redirect_uris !== undefined && !(Array.isArray(raw.redirect_uris) && raw.redirect_uris.length === 0)) {
    throw new OAuthError("invalid_redirect_uri", "This server issues client-credentials tokens only; redirect_uris are not used. Leave them out.");
  }
  const parsed = metadataSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message);
  }
  const metadata = parsed.data;
  if (Array.isArray(metadata.response_types) ? metadata.response_types.length > 0 : metadata.response_types !== undefined) {
    throw invalid("response_types must be empty: the client-credentials grant uses none.");
  }
  if (metadata.grant_types !== undefined && (metadata.grant_types.length === 0 || metadata.grant_types.some((grant) => grant !== "client_credentials"))) {
    throw invalid('grant_types may only be ["client_credentials"].');
  }
  const authMethod = metadata.token_endpoint_auth_method ?? "client_secret_basic";
  if (!(TOKEN_ENDPOINT_AUTH_METHODS as readonly string[]).includes(authMethod)) {
    throw invalid(`token_endpoint_auth_method must be ${TOKEN_ENDPOINT_AUTH_METHODS.join(" or ")}.`);
  }
  if (metadata.scope === undefined && requireScope) throw invalid('scope is required: name the permissions the client needs, e.g. "campaigns:write users:read".');
  const scope = parseScope(metadata.scope ?? "");
  if (!scope.ok) throw invalid(`Unknown scope: ${scope.unknown.slice(0, 5).join(", ")}. Scopes are <resource>:read and <resource>:write.`);
  if (scope.scopes.length === 0) throw invalid("scope must name at least one permission.");
  const beyond = scopesBeyond(scope.scopes, grantable);
  if (beyond.length > 0) throw invalid(`The registering key does not hold: ${beyond.slice(0, 5).join(", ")}.`);
  return { name: metadata.client_name ?? DEFAULT_NAME, scopes: scope.scopes, authMethod: authMethod as ClientInput["authMethod"] };
}
