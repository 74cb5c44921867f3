import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { notFound } from "@/lib/errors";
import { now } from "@/lib/clock";
import { generateKey, randomBase62 } from "@/lib/keys/format";
import { hashKey } from "@/lib/keys/hash";
import { announceKeyChange, keyChanged } from "@/lib/keys/key-changes";
import { mailKeyManagers } from "@/lib/mail/notify";
import { deliverSoon } from "@/lib/mail/outbox";
import { oauthClientRegisteredMail } from "@/lib/mail/templates";
import { scopePermissions } from "./scopes";
import type { TokenEndpointAuthMethod } from "./auth-methods";

// OAuth clients (SPEC §14). A client's identity on /api/v1 is a backing ApiKey row of kind
// "oc" (OAUTH_CLIENT_KIND): no string ever parses to that kind, so the row is never a usable key;
// it carries the client's project, channel scope, rate limit and permissions, so every guard
// rule (limits, usage counts, last use, disabling, audit) applies to its tokens unchanged.
// Deleting the client deletes that row, and with it every token, on every instance.

export const OAUTH_CLIENT_KIND = "oc";
export { TOKEN_ENDPOINT_AUTH_METHODS, type TokenEndpointAuthMethod } from "./auth-methods";

/** Who registers: an admin API key (RFC 7591's initial access token) or a member in the dashboard. */
export type Registrar = { type: "key"; id: string; name: string; scope: string; channels: string[]; rateLimit: number | null } | { type: "user"; id: string; label: string };

export type ClientInput = { name: string; scopes: string[]; authMethod: TokenEndpointAuthMethod };

const CLIENT_FIELDS = {
  id: true,
  clientId: true,
  keyId: true,
  name: true,
  scope: true,
  authMethod: true,
  registeredByType: true,
  registeredByLabel: true,
  lastTokenAt: true,
  createdAt: true,
  version: true,
  projectId: true,
} as const;

export type ClientRow = {
  id: string;
  clientId: string;
  keyId: string;
  name: string;
  scope: string;
  authMethod: string;
  registeredByType: string;
  registeredByLabel: string;
  lastTokenAt: Date | null;
  createdAt: Date;
  version: number;
  projectId: string;
};

const CLIENT_ID_LENGTH = 24;
const newClientId = () => `lkc_${randomBase62(CLIENT_ID_LENGTH)}`;
/** The shape of every client_id this server issues: anything else is no client, without a read. */
export const isClientId = (text: string) => text.length === 4 + CLIENT_ID_LENGTH && /^lkc_[0-9A-Za-z]+$/.test(text);

async function channelsBySlug(tx: Tx, projectId: string, slugs: string[]) {
  if (slugs.length === 0) return [];
  return tx.channel.findMany({ where: { projectId, slug: { in: slugs } }, select: { id: true, slug: true } });
}

/**
 * Registers a client: the secret and registration access token are returned here once and kept
 * only as hashes. A client registered by a key inherits that key's channel scope and rate limit.
 */
export async function registerClient(projectId: string, input: ClientInput, ctx: AuditContext, registrar: Registrar) {
  const clientSecret = generateKey("cs");
  const registrationAccessToken = generateKey("rt");
  const scope = input.scopes.join(" ");
  const client = await db().$transaction(async (tx) => {
    const byKey = registrar.type === "key" ? registrar : null;
    const channels = byKey?.scope === "channels" ? await channelsBySlug(tx, projectId, byKey.channels) : [];
    const key = await tx.apiKey.create({
      data: {
        projectId,
        name: input.name,
        kind: OAUTH_CLIENT_KIND,
        role: "custom",
        scope: byKey?.scope === "channels" ? "channels" : "all",
        // Never a key's hash: this row is only an identity, and no credential's digest can equal it.
        hash: hashKey(`oauth-client:${randomUUID()}`),
        preview: "OAuth client",
        permissions: JSON.stringify(scopePermissions(scope)),
        rateLimit: byKey?.rateLimit ?? null,
        channelSlugs: channels
          .map((c) => c.slug)
          .sort()
          .join(","),
        channels: { create: channels.map((c) => ({ channelId: c.id })) },
        createdById: registrar.type === "user" ? registrar.id : null,
      },
      select: { id: true },
    });
    const row = await tx.oAuthClient.create({
      data: {
        projectId,
        clientId: newClientId(),
        keyId: key.id,
        name: input.name,
        scope,
        authMethod: input.authMethod,
        secretHash: hashKey(clientSecret),
        registrationTokenHash: hashKey(registrationAccessToken),
        registeredByType: registrar.type,
        registeredById: registrar.id,
        registeredByLabel: registrar.type === "key" ? registrar.name : registrar.label,
      },
      select: CLIENT_FIELDS,
    });
    await recordAudit(tx, ctx, {
      projectId,
      action: "oauth_client.registered",
      target: { type: "oauth_client", id: row.id, label: row.name },
      changes: { clientId: row.clientId, scope, authMethod: input.authMethod },
    });
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { slug: true, name: true } });
    await mailKeyManagers(tx, projectId, oauthClientRegisteredMail({ project, client: row, actor: ctx.actor.label, at: row.createdAt }));
    return row;
  });
  deliverSoon();
  return { client, clientSecret, registrationAccessToken };
}

export async function listClients(projectId: string): Promise<ClientRow[]> {
  return db().oAuthClient.findMany({ where: { projectId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: CLIENT_FIELDS, take: 500 });
}

/** The client a registration access token belongs to (RFC 7592), or null. */
export async function clientByRegistrationToken(token: string): Promise<ClientRow | null> {
  return db().oAuthClient.findUnique({ where: { registrationTokenHash: hashKey(token) }, select: CLIENT_FIELDS });
}

/** RFC 7592: a new registration access token for the client; the one it replaces stops working. */
export async function rotateRegistrationToken(client: Pick<ClientRow, "id">): Promise<string> {
  const token = generateKey("rt");
  await db().oAuthClient.update({ where: { id: client.id }, data: { registrationTokenHash: hashKey(token) } });
  return token;
}

/** RFC 7592 update: a new name, a narrower (never wider) scope, another auth method. */
export async function updateClient(client: ClientRow, input: ClientInput, ctx: AuditContext): Promise<ClientRow> {
  const scope = input.scopes.join(" ");
  const updated = await db().$transaction(async (tx) => {
    const row = await tx.oAuthClient.update({
      where: { id: client.id },
      data: { name: input.name, scope, authMethod: input.authMethod, version: { increment: 1 } },
      select: CLIENT_FIELDS,
    });
    await tx.apiKey.update({ where: { id: client.keyId }, data: { name: input.name, permissions: JSON.stringify(scopePermissions(scope)), version: { increment: 1 } } });
    // Tokens issued earlier lose whatever the new scope no longer holds.
    const narrowed = await narrowTokens(tx, client.id, new Set(input.scopes));
    await recordAudit(tx, ctx, {
      projectId: client.projectId,
      action: "oauth_client.updated",
      target: { type: "oauth_client", id: client.id, label: input.name },
      changes: { name: { from: client.name, to: input.name }, scope: { from: client.scope, to: scope }, authMethod: { from: client.authMethod, to: input.authMethod }, tokensNarrowed: narrowed },
    });
    await announceKeyChange(tx, client.keyId);
    return row;
  });
  keyChanged(client.keyId);
  return updated;
}

async function narrowTokens(tx: Tx, clientId: string, allowed: Set<string>): Promise<number> {
  const live = await tx.oAuthToken.findMany({ where: { clientId, revokedAt: null, expiresAt: { gt: now() } }, select: { id: true, scope: true } });
  let narrowed = 0;
  for (const token of live) {
    const kept = token.scope.split(" ").filter((s) => allowed.has(s));
    if (kept.length === token.scope.split(" ").length) continue;
    narrowed++;
    await tx.oAuthToken.update({ where: { id: token.id }, data: kept.length ? { scope: kept.join(" ") } : { revokedAt: now() } });
  }
  return narrowed;
}

/** Deletes a client of the project and, through its backing key, every token it holds, on every instance. */
export async function deleteClient(projectId: string, id: string, ctx: AuditContext) {
  const deleted = await db().$transaction(async (tx) => {
    const client = await tx.oAuthClient.findFirst({ where: { id, projectId }, select: { id: true, clientId: true, keyId: true, name: true } });
    if (!client) throw notFound("OAuth client");
    const tokens = await tx.oAuthToken.count({ where: { clientId: client.id, revokedAt: null, expiresAt: { gt: now() } } });
    await tx.apiKey.delete({ where: { id: client.keyId } });
    await recordAudit(tx, ctx, {
      projectId,
      action: "oauth_client.deleted",
      target: { type: "oauth_client", id: client.id, label: client.name },
      changes: { clientId: client.clientId, liveTokensRevoked: tokens },
    });
    await announceKeyChange(tx, client.keyId);
    return client;
  });
  keyChanged(deleted.keyId);
  return { id: deleted.id };
}
