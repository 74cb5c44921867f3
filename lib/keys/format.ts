import { crc32 } from "node:zlib";
import { randomBytes } from "node:crypto";

// The key format (SPEC §2): lk_<kind>_<32 random base62><6 base62 CRC32 of "lk_<kind>_<random>">.
// The checksum lets the API reject a mistyped or forged key without touching the database and
// lets secret scanners recognise a leaked key offline.

export const KEY_PREFIX = "lk";
export const KEY_KINDS = ["pk", "sk"] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

export const RANDOM_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;
export const KEY_LENGTH = KEY_PREFIX.length + 1 + 2 + 1 + RANDOM_LENGTH + CHECKSUM_LENGTH;
export const KEY_PATTERN = /^lk_(pk|sk)_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

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

export function checksum(prefixAndRandom: string): string {
  return toBase62(crc32(prefixAndRandom), CHECKSUM_LENGTH);
}

export function generateKey(kind: KeyKind): string {
  const head = `${KEY_PREFIX}_${kind}_${randomBase62(RANDOM_LENGTH)}`;
  return head + checksum(head);
}

export type ParsedKey = { ok: true; kind: KeyKind } | { ok: false; reason: "format" | "checksum" };

/** Checks shape and checksum only: no I/O, constant work for any input. */
export function parseKey(candidate: string): ParsedKey {
  if (candidate.length !== KEY_LENGTH) return { ok: false, reason: "format" };
  const match = KEY_PATTERN.exec(candidate);
  if (!match) return { ok: false, reason: "format" };
  const head = candidate.slice(0, KEY_LENGTH - CHECKSUM_LENGTH);
  if (checksum(head) !== match[3]) return { ok: false, reason: "checksum" };
  return { ok: true, kind: match[1] as KeyKind };
}

/** What the dashboard shows: `lk_sk_…X7aQ`. */
export function keyPreview(key: string): string {
  return `${key.slice(0, KEY_PREFIX.length + 4)}…${key.slice(-4)}`;
}
