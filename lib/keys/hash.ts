import { hash } from "node:crypto";

/**
 * Keys are looked up by this digest; the plain key is never stored or compared as a string.
 * `crypto.hash` (one-shot) is ~2.7× faster than createHash().update().digest() for a key-sized input.
 */
export function hashKey(key: string): string {
  return hash("sha256", key, "hex");
}
