import "server-only";
import { db } from "@/lib/db";
import type { KeyRecord } from "./verify";
import type { CredentialKind } from "./format";
import type { CustomPermissions } from "@/lib/permissions";
import { scopePermissions } from "@/lib/oauth/scopes";
import { compileRestrictions } from "./restriction-check";

type KeyRow = Omit<KeyRecord, "channels" | "permissions" | "replaced" | "restrictions"> & {
  channelSlugs: string | null;
  permissions: string | null;
  replacedById: string | null;
  allowedIps: string;
  ipReportOnly: boolean | number;
  allowedOrigins: string;
  quota: number | null;
  quotaPeriod: string | null;
};

/**
 * The one indexed read behind verification (unique index on ApiKey.hash); no relations. Written as
 * a raw query through Prisma: findUnique compiles its query on every call (~650 µs here), the raw
 * query only binds the hash (~260 µs). Quoted identifiers read the same on SQLite and PostgreSQL.
 */
export async function findKeyByHash(hash: string, kind?: CredentialKind): Promise<KeyRecord | null> {
  if (kind === "at") return findAccessTokenByHash(hash);
  const rows = await db().$queryRaw<KeyRow[]>`
    SELECT "id", "projectId", "name", "kind", "role", "scope", "channelSlugs", "permissions", "expiresAt", "revokedAt", "disabledAt", "rateLimit", "replacedById",
      "allowedIps", "ipReportOnly", "allowedOrigins", "quota", "quotaPeriod"
    FROM "ApiKey" WHERE "hash" = ${hash}`;
  const row = rows[0];
  if (!row) return null;
  const { channelSlugs, permissions, replacedById, allowedIps, ipReportOnly, allowedOrigins, quota, quotaPeriod, ...rest } = row;
  return {
    ...rest,
    replaced: replacedById !== null,
    channels: channelSlugs ? channelSlugs.split(",") : [],
    permissions: permissions ? (JSON.parse(permissions) as CustomPermissions) : null,
    restrictions: compileRestrictions({ allowedIps, ipReportOnly: Boolean(ipReportOnly), allowedOrigins, quota: quota === null ? null : Number(quota), quotaPeriod }),
  };
}

type TokenRow = Omit<KeyRecord, "channels" | "permissions" | "client"> & { channelSlugs: string | null; tokenScope: string; clientId: string; keyExpiresAt: Date | null };

/**
 * An OAuth access token as the guard sees it (SPEC §14): the client's backing key (its project,
 * channel scope, rate limit, disabled state), narrowed to the token's scope as a custom key, expiring
 * with the token. One indexed read, like a key's.
 */
async function findAccessTokenByHash(hash: string): Promise<KeyRecord | null> {
  const rows = await db().$queryRaw<TokenRow[]>`
    SELECT k."id", k."projectId", c."name", t."id" AS "tokenId", t."scope" AS "tokenScope", c."clientId", k."scope", k."channelSlugs",
      t."expiresAt", k."expiresAt" AS "keyExpiresAt", COALESCE(t."revokedAt", k."revokedAt") AS "revokedAt", k."disabledAt", k."rateLimit"
    FROM "OAuthToken" t JOIN "ApiKey" k ON k."id" = t."keyId" JOIN "OAuthClient" c ON c."id" = t."clientId"
    WHERE t."hash" = ${hash}`;
  const row = rows[0];
  if (!row) return null;
  const { channelSlugs, tokenScope, clientId, keyExpiresAt, ...rest } = row;
  const expiresAt = keyExpiresAt && keyExpiresAt < rest.expiresAt! ? keyExpiresAt : rest.expiresAt;
  return {
    ...rest,
    expiresAt,
    kind: "at",
    role: "custom",
    channels: channelSlugs ? channelSlugs.split(",") : [],
    permissions: scopePermissions(tokenScope),
    client: { clientId, scope: tokenScope },
  };
}
