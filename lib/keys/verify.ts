import { parseKey, type CredentialKind } from "./format";
import { hashKey } from "./hash";
import { now as currentTime } from "@/lib/clock";
import type { CustomPermissions } from "@/lib/permissions";
import type { KeyRestrictions } from "./restriction-check";

// Verification: format and checksum first (no I/O), then one indexed lookup by hash. The lookup is
// a parameter so a cache can sit in front of the database without changing this function.

export type KeyRecord = {
  id: string;
  projectId: string;
  name: string;
  kind: string;
  role: string;
  scope: string;
  channels: string[];
  permissions: CustomPermissions | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Set while the key is disabled (SPEC §15): refused until enabled again. */
  disabledAt: Date | null;
  /** Requests per minute, or null for no limit. */
  rateLimit: number | null;
  /** True when a rotation replaced the key: once its grace period ends it is refused as such. */
  replaced?: boolean;
  /**
   * Set when the credential is an OAuth access token (kind "at"): the token's own id, and the
   * client it was issued to with the token's scope. `id` is then the client's backing key.
   */
  tokenId?: string;
  client?: { clientId: string; scope: string };
  /** Where the key may be used from and how much (SPEC §16), compiled once when it is read; absent: none. */
  restrictions?: KeyRestrictions | null;
};

export type VerifiedKey = Omit<KeyRecord, "revokedAt" | "disabledAt">;

/** `kind` says which table holds the hash: API keys, or OAuth access tokens ("at"). */
export type KeyLookup = (hash: string, kind?: CredentialKind) => Promise<KeyRecord | null>;

/** The credentials the /api/v1 guard accepts; client secrets and registration tokens are not among them. */
const ACCEPTED_KINDS: ReadonlySet<CredentialKind> = new Set(["pk", "sk", "at"]);

/**
 * `unknownKey`: a well-formed key that no project has; only these count toward the per-address
 * failed-check limit (guessing). A known revoked or expired key is answered from the key cache and
 * does not count: a client retrying with it must not lock out every key behind the same address.
 * `key`: the revoked or expired key that was found, so the refusal can be audited in its project.
 */
export type VerifyFailure = {
  ok: false;
  code: "invalid_api_key" | "key_revoked" | "key_expired" | "key_disabled";
  message: string;
  unknownKey: boolean;
  key?: { id: string; projectId: string; name: string };
};
export type VerifyResult = { ok: true; key: VerifiedKey } | VerifyFailure;

const INVALID: VerifyFailure = { ok: false, code: "invalid_api_key", message: "The API key is not valid.", unknownKey: true };

// The verified view of a cached record, made once per record: the warm path returns the same
// object for every request instead of copying the record's fields each time.
const verifiedViews = new WeakMap<KeyRecord, VerifiedKey>();
function verifiedView(record: KeyRecord): VerifiedKey {
  let view = verifiedViews.get(record);
  if (view === undefined) {
    const { revokedAt: _revoked, disabledAt: _disabled, replaced: _replaced, ...key } = record;
    view = key;
    verifiedViews.set(record, view);
  }
  return view;
}

export async function verifyKey(candidate: string, lookup: KeyLookup, now: Date = currentTime()): Promise<VerifyResult> {
  const parsed = parseKey(candidate);
  if (!parsed.ok) {
    return parsed.reason === "checksum"
      ? { ok: false, code: "invalid_api_key", message: "The API key's checksum does not match: check it was copied whole.", unknownKey: false }
      : { ok: false, code: "invalid_api_key", message: "The API key is not in the Latchkey format (lk_pk_…, lk_sk_… or an lk_at_… access token).", unknownKey: false };
  }
  if (!ACCEPTED_KINDS.has(parsed.kind)) {
    return { ok: false, code: "invalid_api_key", message: "This is an OAuth client credential, not an API key: trade it for an access token at the token endpoint.", unknownKey: false };
  }
  const record = await lookup(hashKey(candidate), parsed.kind);
  if (!record || record.kind !== parsed.kind) return INVALID;
  const expired = record.expiresAt !== null && record.expiresAt.getTime() <= now.getTime();
  if (!record.revokedAt && !expired && !record.disabledAt) return { ok: true, key: verifiedView(record) };
  const found = { id: record.id, projectId: record.projectId, name: record.name };
  const what = record.client ? "access token" : "API key";
  if (record.revokedAt) return { ok: false, code: "key_revoked", message: `This ${what} has been revoked.`, unknownKey: false, key: found };
  if (expired) {
    const message = record.replaced ? "This API key was replaced by a rotation and no longer works: use the new key." : `This ${what} has expired.`;
    return { ok: false, code: "key_expired", message, unknownKey: false, key: found };
  }
  return { ok: false, code: "key_disabled", message: "This API key is disabled; an admin can enable it again.", unknownKey: false, key: found };
}
