import "server-only";
import { timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { now } from "@/lib/clock";
import { generateKey, parseKey } from "@/lib/keys/format";
import { hashKey } from "@/lib/keys/hash";
import { announceKeyChange, keyChanged } from "@/lib/keys/key-changes";
import { BASIC_CHALLENGE, OAuthError } from "./errors";
import { isClientId } from "./clients";
import { parseScope, scopesBeyond } from "./scopes";

// The token endpoint's work (RFC 6749 §4.4), revocation (RFC 7009) and introspection (RFC 7662).
// Access tokens are lk_at_… strings in the key format, kept only as SHA-256, at most an hour long.

export const ACCESS_TOKEN_SECONDS = 3600;
/** Tokens one client may be issued per minute (it needs one an hour). */
export const TOKENS_PER_MINUTE = 60;

export type AuthenticatedClient = { id: string; clientId: string; keyId: string; projectId: string; name: string; scope: string; authMethod: string; rateLimit: number | null };

const digest = (text: string) => Buffer.from(hashKey(text), "hex");

/**
 * The client whose id and secret these are, or null. The secret's checksum is checked first (no
 * read for a mistyped one); the stored digest is compared in constant time. A client whose backing
 * key is revoked or disabled does not authenticate.
 */
export async function authenticateClient(clientId: string, clientSecret: string): Promise<AuthenticatedClient | null> {
  const parsed = parseKey(clientSecret);
  // An impossible client_id (a NUL byte among them, which PostgreSQL refuses in text) is no client.
  if (!parsed.ok || parsed.kind !== "cs" || !isClientId(clientId)) return null;
  const row = await db().oAuthClient.findUnique({
    where: { clientId },
    select: {
      id: true,
      clientId: true,
      keyId: true,
      projectId: true,
      name: true,
      scope: true,
      authMethod: true,
      secretHash: true,
      key: { select: { revokedAt: true, disabledAt: true, rateLimit: true } },
    },
  });
  if (!row || !timingSafeEqual(digest(clientSecret), Buffer.from(row.secretHash, "hex"))) return null;
  if (row.key.revokedAt || row.key.disabledAt) return null;
  const { secretHash: _secret, key, ...client } = row;
  return { ...client, rateLimit: key.rateLimit };
}

/** The scopes a token gets: `requested` when the client holds all of it, or the client's whole scope when absent. */
function grantedScopes(granted: string[], requested: string | undefined): string[] {
  if (requested === undefined) return granted;
  const parsed = parseScope(requested);
  if (!parsed.ok) throw new OAuthError("invalid_scope", `Unknown scope: ${parsed.unknown.slice(0, 5).join(", ")}.`);
  if (parsed.scopes.length === 0) throw new OAuthError("invalid_scope", "The scope is empty: omit it for the client's whole scope, or name some of it.");
  const beyond = scopesBeyond(parsed.scopes, granted);
  if (beyond.length > 0) throw new OAuthError("invalid_scope", `This client was not registered for: ${beyond.slice(0, 5).join(", ")}.`);
  return parsed.scopes;
}

const isNotFound = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2025";

/** Issues an access token for `requested` (a scope string), or the client's whole scope when absent. */
export async function issueToken(client: AuthenticatedClient, requested: string | undefined) {
  grantedScopes(client.scope.split(" ").filter(Boolean), requested);
  const accessToken = generateKey("at");
  const issuedAt = now();
  const scope = await db().$transaction(async (tx) => {
    // The client row is written first: its scope is read as it is now and held (a row lock on
    // PostgreSQL, the one writer on SQLite) until the token is stored, so a client narrowed,
    // disabled or deleted since it authenticated is issued nothing it no longer holds.
    const current = await tx.oAuthClient
      .update({ where: { id: client.id }, data: { lastTokenAt: issuedAt }, select: { scope: true, key: { select: { revokedAt: true, disabledAt: true } } } })
      .catch((error: unknown) => (isNotFound(error) ? null : Promise.reject(error)));
    if (!current || current.key.revokedAt || current.key.disabledAt) throw new OAuthError("invalid_client", "Client authentication failed.", 401, BASIC_CHALLENGE);
    const scope = grantedScopes(current.scope.split(" ").filter(Boolean), requested).join(" ");
    await tx.oAuthToken.create({
      data: { clientId: client.id, keyId: client.keyId, hash: hashKey(accessToken), scope, expiresAt: new Date(issuedAt.getTime() + ACCESS_TOKEN_SECONDS * 1000), createdAt: issuedAt },
    });
    return scope;
  });
  return { access_token: accessToken, token_type: "Bearer", expires_in: ACCESS_TOKEN_SECONDS, scope };
}

async function tokenRow(token: string) {
  const parsed = parseKey(token);
  if (!parsed.ok || parsed.kind !== "at") return null;
  return db().oAuthToken.findUnique({
    where: { hash: hashKey(token) },
    select: {
      id: true,
      clientId: true,
      keyId: true,
      scope: true,
      expiresAt: true,
      revokedAt: true,
      createdAt: true,
      key: { select: { revokedAt: true, disabledAt: true } },
      client: { select: { clientId: true, projectId: true, name: true } },
    },
  });
}

/**
 * RFC 7009: revokes one of the calling client's tokens at once on every instance. An unknown,
 * expired or already revoked token is answered the same (200); another client's token is refused.
 */
export async function revokeToken(client: AuthenticatedClient, token: string, ctx: AuditContext): Promise<void> {
  const row = await tokenRow(token);
  if (!row) return;
  if (row.clientId !== client.id) throw new OAuthError("unauthorized_client", "This token was not issued to this client.");
  if (row.revokedAt) return;
  await db().$transaction(async (tx) => {
    const revoked = await tx.oAuthToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: now() } });
    if (revoked.count === 0) return;
    await recordAudit(tx, ctx, { projectId: row.client.projectId, action: "oauth_token.revoked", target: { type: "oauth_client", id: client.id, label: client.name }, changes: { tokenId: row.id } });
    await announceKeyChange(tx, row.id);
  });
  keyChanged(row.id);
}

/** RFC 7662: what the calling client may learn of a token; only its own tokens are ever active. */
export async function introspectToken(client: AuthenticatedClient, token: string, issuer: string) {
  const row = await tokenRow(token);
  const at = now();
  if (!row || row.clientId !== client.id || row.revokedAt || row.key.revokedAt || row.key.disabledAt || row.expiresAt <= at) return { active: false };
  return {
    active: true,
    scope: row.scope,
    client_id: row.client.clientId,
    token_type: "Bearer",
    exp: Math.floor(row.expiresAt.getTime() / 1000),
    iat: Math.floor(row.createdAt.getTime() / 1000),
    sub: row.client.clientId,
    iss: issuer,
  };
}

/**
 * Retention: tokens a day past their expiry are deleted (the every-minute job). Kept that day, a
 * client still sending an expired token is told key_expired, not counted as guessing.
 */
export const EXPIRED_TOKEN_RETENTION_MS = 24 * 3600_000;
export async function deleteExpiredTokens(): Promise<number> {
  const { count } = await db().oAuthToken.deleteMany({ where: { expiresAt: { lt: new Date(now().getTime() - EXPIRED_TOKEN_RETENTION_MS) } } });
  return count;
}
