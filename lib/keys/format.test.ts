import { describe, expect, it } from "vitest";
import { crc32 } from "node:zlib";
import { checksum, generateKey, keyPreview, KEY_LENGTH, parseKey, randomBase62, toBase62 } from "./format";

describe("key format", () => {
  it("generates keys of the documented shape for each kind", () => {
    for (const kind of ["pk", "sk"] as const) {
      const key = generateKey(kind);
      expect(key).toMatch(new RegExp(`^lk_${kind}_[0-9A-Za-z]{38}$`));
      expect(key).toHaveLength(KEY_LENGTH);
      expect(parseKey(key)).toEqual({ ok: true, kind });
    }
  });

  it("ends with the base62 CRC32 of everything before it", () => {
    const key = generateKey("sk");
    const head = key.slice(0, 38);
    const expected = crc32(head);
    let decoded = 0;
    for (const ch of key.slice(38)) decoded = decoded * 62 + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".indexOf(ch);
    expect(decoded).toBe(expected);
    expect(checksum(head)).toBe(key.slice(38));
  });

  it("never repeats across many generations", () => {
    const keys = new Set(Array.from({ length: 5000 }, () => generateKey("sk")));
    expect(keys.size).toBe(5000);
  });

  it("draws every base62 character, roughly evenly", () => {
    const sample = randomBase62(62 * 400);
    const counts = new Map<string, number>();
    for (const ch of sample) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(n).toBeGreaterThan(250);
  });

  it("rejects a key with one character changed by its checksum", () => {
    const key = generateKey("sk");
    const i = 10;
    const swapped = key[i] === "a" ? "b" : "a";
    const typo = key.slice(0, i) + swapped + key.slice(i + 1);
    expect(parseKey(typo)).toEqual({ ok: false, reason: "checksum" });
  });

  it("rejects a forged checksum", () => {
    const key = generateKey("pk");
    expect(parseKey(key.slice(0, -6) + "000000")).toEqual({ ok: false, reason: "checksum" });
  });

  it("rejects a key whose kind was changed, since the kind is covered by the checksum", () => {
    const key = generateKey("pk");
    expect(parseKey(key.replace("lk_pk_", "lk_sk_"))).toEqual({ ok: false, reason: "checksum" });
  });

  it("rejects malformed input before any checksum work", () => {
    const key = generateKey("sk");
    for (const bad of ["", "lk_sk_", key + "a", key.slice(1), key.replace("lk_", "xx_"), key.replace("_sk_", "_xk_"), key.slice(0, -1) + "-", "x".repeat(10_000), key.replace(/.$/, "é")]) {
      expect(parseKey(bad)).toEqual({ ok: false, reason: "format" });
    }
  });

  it("shows a preview with the kind and the last four characters only", () => {
    const key = generateKey("sk");
    expect(keyPreview(key)).toBe(`lk_sk_…${key.slice(-4)}`);
  });

  it("encodes numbers in fixed-width base62 and refuses overflow", () => {
    expect(toBase62(0, 6)).toBe("000000");
    expect(toBase62(61, 2)).toBe("0z");
    expect(toBase62(0xffffffff, 6)).toHaveLength(6);
    expect(() => toBase62(62 ** 2, 2)).toThrow(RangeError);
  });
});
