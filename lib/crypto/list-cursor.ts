import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// List cursors (SPEC §7: opaque; one the API did not issue is refused): base64url of a 12-byte
// HMAC-SHA256 tag and the position (the last row's sort key). The tag covers the list's name and
// the position under a key derived from LATCHKEY_SECRET, so a cursor cannot be made up, edited,
// truncated or carried to another list, and checking one needs no database read. It is not bound
// to a project: every list query is scoped to the caller's project, so another project's cursor
// only names a position.

const TAG_BYTES = 12;
const MAX_POSITION_BYTES = 128;

function signingKey(secret = process.env.LATCHKEY_SECRET): Buffer {
  if (!secret || secret.length < 32) throw new Error("LATCHKEY_SECRET must be set (at least 32 characters)");
  return createHash("sha256").update(`latchkey:list-cursor:v1:${secret}`).digest();
}

function tagOf(list: string, position: Buffer, secret?: string): Buffer {
  // The list's name first, then a NUL: no name can borrow a position's bytes.
  return createHmac("sha256", signingKey(secret)).update(list).update("\0").update(position).digest().subarray(0, TAG_BYTES);
}

export function encodeListCursor(list: string, position: string, secret?: string): string {
  const bytes = Buffer.from(position, "utf8");
  return Buffer.concat([tagOf(list, bytes, secret), bytes]).toString("base64url");
}

/** The position a cursor of `list` names, or null when the API did not issue it for that list. */
export function decodeListCursor(list: string, cursor: string, secret?: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor) || cursor.length > Math.ceil(((TAG_BYTES + MAX_POSITION_BYTES) * 4) / 3)) return null;
  const raw = Buffer.from(cursor, "base64url");
  // base64url is not one-to-one (trailing bits): only the canonical spelling is ours.
  if (raw.length <= TAG_BYTES || raw.toString("base64url") !== cursor) return null;
  const given = raw.subarray(0, TAG_BYTES);
  const position = raw.subarray(TAG_BYTES);
  if (!timingSafeEqual(given, tagOf(list, position, secret))) return null;
  return position.toString("utf8");
}
