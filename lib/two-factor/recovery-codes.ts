import { createHash, randomInt } from "node:crypto";

// Ten single-use codes for when the phone is lost: ten characters from an alphabet without
// look-alikes (no 0/o, 1/l/i), about 49 bits each, shown as "xxxxx-xxxxx". Only a SHA-256 of the
// normalised code is stored; a fast hash is enough for random single-use codes that can only be
// tried through the limited sign-in form.
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const LENGTH = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, "");
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256")
    .update(`latchkey:recovery:${normaliseRecoveryCode(code)}`)
    .digest("hex");
}

/** A plausible recovery code (the right length and alphabet), checked before any lookup. */
export function isRecoveryShaped(code: string): boolean {
  const normalised = normaliseRecoveryCode(code);
  return normalised.length === LENGTH && [...normalised].every((c) => ALPHABET.includes(c));
}
