// POST /api/v1/oauth/register: dynamic client registration (RFC 7591), the initial access token
// being an admin API key [admin]. The client secret and registration access token are in this
// answer only (no-store; never kept for an Idempotency-Key replay).
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { readBody } from "@/lib/api/body";
import { registerClient } from "@/lib/oauth/clients";
import { oauthErrorResponse, oauthJson, oauthMethodNotAllowed } from "@/lib/oauth/endpoint";
import { clientMetadata, MAX_METADATA_BYTES } from "@/lib/oauth/metadata";
import { OAuthError } from "@/lib/oauth/errors";
import { heldScopes } from "@/lib/oauth/scopes";
import { clientInformation } from "@/lib/oauth/client-information";

export const POST = apiRoute(
  { resource: "oauth_clients", action: "create" },
  async ({ req, key, requestId, ip }) => {
    // Its clients' tokens would not carry the key's restrictions: a restricted key could mint its way out of them.
    const restricted = key.restrictions;
    if (restricted && ((restricted.allowedIps.length > 0 && !restricted.ipReportOnly) || restricted.quota)) {
      throw new ApiError(
        "insufficient_permissions",
        "A key limited to addresses or by a quota cannot register OAuth clients: their tokens would not carry its limits. Use an unrestricted admin key or the dashboard.",
      );
    }
    const body = await readBody(req);
    if (body.byteLength > MAX_METADATA_BYTES) throw new OAuthError("invalid_client_metadata", `The client metadata is larger than ${MAX_METADATA_BYTES / 1024} KB.`, 413);
    let metadata: unknown;
    try {
      metadata = JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw new OAuthError("invalid_client_metadata", "The body is not valid JSON.");
    }
    const input = clientMetadata(metadata, heldScopes(key));
    const audit = { actor: { type: "key" as const, id: key.id, label: key.name }, meta: { ip, userAgent: req.headers.get("user-agent") } };
    const { client, clientSecret, registrationAccessToken } = await registerClient(key.projectId, input, audit, {
      type: "key",
      id: key.id,
      name: key.name,
      scope: key.scope,
      channels: key.channels,
      rateLimit: key.rateLimit,
    });
    return oauthJson(clientInformation(client, { clientSecret, registrationAccessToken }), 201, requestId);
  },
  { idempotent: false, errorResponse: oauthErrorResponse },
);
export const GET = oauthMethodNotAllowed("key", ["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
