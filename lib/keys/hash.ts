import { createHash } from "node:crypto";

/** Keys are looked up by this digest; the plain key is never stored or compared as a string. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
