import { Secret, TOTP } from "otpauth";

// TOTP as RFC 6238 and every authenticator app expect it: SHA-1, 6 digits, 30-second steps.
export const TOTP_PARAMS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
// One step either side: a phone's clock a little off, or a code typed as it rolled over.
export const DRIFT_STEPS = 1;
export const ISSUER = "Latchkey";

/** A fresh 160-bit secret (RFC 4226's recommended length), in base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, accountName: string): string {
  return new TOTP({ ...TOTP_PARAMS, issuer: ISSUER, label: accountName, secret: Secret.fromBase32(secretBase32) }).toString();
}

/** The time step a code was made for at `at` (within the drift), or null if it matches none. */
export function stepOfCode(secretBase32: string, code: string, at: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const timestamp = at.getTime();
  const delta = TOTP.validate({ ...TOTP_PARAMS, token, secret: Secret.fromBase32(secretBase32), timestamp, window: DRIFT_STEPS });
  return delta === null ? null : TOTP.counter({ period: TOTP_PARAMS.period, timestamp }) + delta;
}

/** The code for `at` (tests and the e2e suite compute codes as an app would). */
export function totpCode(secretBase32: string, at: Date): string {
  return TOTP.generate({ ...TOTP_PARAMS, secret: Secret.fromBase32(secretBase32), timestamp: at.getTime() });
}

/** Looks like an authenticator code rather than a recovery code. */
export const isTotpShaped = (code: string) => /^\d{6}$/.test(code.replace(/\s+/g, ""));
