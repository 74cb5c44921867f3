// The client configuration endpoint (RFC 7592) at registration_client_uri, authenticated by the
// registration access token: GET reads, PUT replaces the metadata (the scope may narrow, never
// widen), DELETE removes the client and revokes its tokens on every instance. GET and PUT answer
// with a new registration access token (only its hash is kept), which replaces the one sent.
import { readBody } from "@/lib/api/body";
import { deleteClient, rotateRegistrationToken, updateClient } from "@/lib/oauth/clients";
import { oauthMethodNotAllowed, registrationEndpoint } from "@/lib/oauth/endpoint";
import { clientMetadata, MAX_METADATA_BYTES } from "@/lib/oauth/metadata";
import { OAuthError } from "@/lib/oauth/errors";
import { clientInformation } from "@/lib/oauth/client-information";

type Params = { clientId: string };

export const GET = registrationEndpoint<Params>(async ({ client }) => clientInformation(client, { registrationAccessToken: await rotateRegistrationToken(client) }));

export const PUT = registrationEndpoint<Params>(async ({ req, client, audit }) => {
  const body = await readBody(req);
  if (body.byteLength > MAX_METADATA_BYTES) throw new OAuthError("invalid_client_metadata", `The client metadata is larger than ${MAX_METADATA_BYTES / 1024} KB.`, 413);
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new OAuthError("invalid_client_metadata", "The body is not valid JSON.");
  }
  // RFC 7592 §2.2: the request names the client it updates.
  if (typeof metadata !== "object" || metadata === null || metadata.client_id !== client.clientId) {
    throw new OAuthError("invalid_client_metadata", "Include this client's client_id in the body.");
  }
  const input = clientMetadata(metadata, client.scope.split(" "));
  const updated = await updateClient(client, input, audit);
  return clientInformation(updated, { registrationAccessToken: await rotateRegistrationToken(client) });
});

export const DELETE = registrationEndpoint<Params>(async ({ client, audit, requestId }) => {
  await deleteClient(client.projectId, client.id, audit);
  return new Response(null, { status: 204, headers: { "X-Request-Id": requestId, "Cache-Control": "no-store" } });
});

export const POST = oauthMethodNotAllowed<Params>("registration", ["GET", "PUT", "DELETE"]);
export const PATCH = POST;
