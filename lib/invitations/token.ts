import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// The invite link (SPEC §13): "<invitation id>.<HMAC-SHA256>" over the invitation's id, e-mail,
// role, expiry and nonce, with a key derived from LATCHKEY_SECRET (as lib/crypto/secret-box does,
// under its own label). Nothing is stored but the nonce: the link is recomputed from the row, so
// "Copy invite link" gives the mailed link again, and drawing a new nonce ("Resend") or deleting
// the row (accepting, cancelling) makes every older link fail.

export const INVITATION_LIFETIME_MS = 7 * 86_400_000;

export type SignedFields = { id: string; email: string; role: string; expiresAt: Date; tokenNonce: string };

function signingKey(secret = process.env.LATCHKEY_SECRET): Buffer {
  if (!secret || secret.length < 32) throw new Error("LATCHKEY_SECRET must be set (at least 32 characters)");
  return createHash("sha256").update(`latchkey:invitation-link:v1:${secret}`).digest();
}

function mac(fields: SignedFields, secret?: string): Buffer {
  // A JSON array, not a joined string: no field can borrow another's characters.
  const message = JSON.stringify([fields.id, fields.email, fields.role, fields.expiresAt.toISOString(), fields.tokenNonce]);
  return createHmac("sha256", signingKey(secret)).update(message).digest();
}

export const newTokenNonce = (): string => randomBytes(16).toString("base64url");

export function inviteToken(fields: SignedFields, secret?: string): string {
  return `${fields.id}.${mac(fields, secret).toString("base64url")}`;
}

const TOKEN = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/;

/** The invitation id a well-formed token names, or null; says nothing yet about its signature. */
export function invitationIdOf(token: string): string | null {
  return TOKEN.exec(token)?.[1] ?? null;
}

/** Whether `token` is the link for exactly these fields (constant-time comparison). */
export function tokenMatches(token: string, fields: SignedFields, secret?: string): boolean {
  const match = TOKEN.exec(token);
  if (!match || match[1] !== fields.id) return false;
  const given = Buffer.from(match[2], "base64url");
  const expected = mac(fields, secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
