import { crc32 } from "node:zlib";
import { randomBytes } from "node:crypto";

// The key format (SPEC §2): lk_<kind>_<32 random base62><6 base62 CRC32 of "lk_<kind>_<random>">.
// The checksum lets the API reject a mistyped or forged key without touching the database and
// lets secret scanners recognise a leaked key offline.

export const KEY_PREFIX = "lk";
export const KEY_KINDS = ["pk", "sk"] as const;
export type KeyKind = (typeof KEY_KINDS)[number];
/** The Prisma filter for API key rows: an OAuth client's backing row (kind "oc") is not a key. */
export const API_KEY = { in: [...KEY_KINDS] };

/**
 * Every credential Latchkey issues has this format, told apart by its kind: the two API key kinds,
 * and for OAuth (SPEC §14) access tokens (`at`), client secrets (`cs`) and registration access
 * tokens (`rt`). One format means one checksum rule for the API and for secret scanners.
 */
export const CREDENTIAL_KINDS = [...KEY_KINDS, "at", "cs", "rt"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const RANDOM_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;
export const KEY_LENGTH = KEY_PREFIX.length + 1 + 2 + 1 + RANDOM_LENGTH + CHECKSUM_LENGTH;
export const KEY_PATTERN = /^lk_(pk|sk|at|cs|rt)_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function toBase62(value: number, width: number): string {
  let out = "";
  let n = value;
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  if (out.length > width) throw new RangeError(`${value} does not fit in ${width} base62 digits`);
  return out.padStart(width, "0");
}

/** Unbiased base62 string from a CSPRNG: bytes ≥ 248 (= 4 × 62) are thrown away. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

const BASE62_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE62.length; i++) BASE62_VALUE[BASE62.charCodeAt(i)] = i;

/** The number written by `width` base62 digits of `text` from `start` (the shape is checked first). */
function fromBase62(text: string, start: number, width: number): number {
  let n = 0;
  for (let i = start; i < start + width; i++) n = n * 62 + BASE62_VALUE[text.charCodeAt(i)];
  return n;
}

export function checksum(prefixAndRandom: string): string {
  return toBase62(crc32(prefixAndRandom), CHECKSUM_LENGTH);
}

export function generateKey(kind: CredentialKind): string {
  const head = `${KEY_PREFIX}_${kind}_${randomBase62(RANDOM_LENGTH)}`;
  return head + checksum(head);
}

export type ParsedKey = { ok: true; kind: CredentialKind } | { ok: false; reason: "format" | "checksum" };

const FORMAT = { ok: false, reason: "format" } as const;
const CHECKSUM = { ok: false, reason: "checksum" } as const;
const PARSED = Object.fromEntries(CREDENTIAL_KINDS.map((kind) => [kind, { ok: true, kind }])) as Record<CredentialKind, ParsedKey>;

/**
 * Checks shape and checksum only: no I/O, constant work for any input. On every API request, so
 * the checksum digits are compared as a number rather than by formatting the CRC as text.
 */
export function parseKey(candidate: string): ParsedKey {
  if (candidate.length !== KEY_LENGTH || !KEY_PATTERN.test(candidate)) return FORMAT;
  const head = KEY_LENGTH - CHECKSUM_LENGTH;
  if (fromBase62(candidate, head, CHECKSUM_LENGTH) !== crc32(candidate.slice(0, head))) return CHECKSUM;
  return PARSED[candidate.slice(3, 5) as CredentialKind];
}

/** What the dashboard shows: `lk_sk_…X7aQ`. */
export function keyPreview(key: string): string {
  return `${key.slice(0, KEY_PREFIX.length + 4)}…${key.slice(-4)}`;
}
