import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { DomainError } from "@/lib/errors";

// Sudo mode's proof (SPEC §13): "this user re-authenticated at issuedAt", signed with a key
// derived from NEXTAUTH_SECRET. It names the user's session version, so signing out, changing the
// password or "Sign out everywhere" (which bump it) also end sudo mode.
export const SUDO_WINDOW_MS = 10 * 60 * 1000;

export const reauthenticationRequired = () => new DomainError("reauthentication_required", "Confirm it's you to continue.");

type Claim = { userId: string; sessionVersion: number };

function macKey(secret = process.env.NEXTAUTH_SECRET): Buffer {
  if (!secret || secret.length < 32) throw new Error("NEXTAUTH_SECRET must be set (at least 32 characters)");
  return createHash("sha256").update(`latchkey:sudo:v1:${secret}`).digest();
}

const mac = (payload: string, secret?: string) => createHmac("sha256", macKey(secret)).update(payload).digest("base64url");

export function signSudoToken({ userId, sessionVersion }: Claim, issuedAt: Date, secret?: string): string {
  const payload = ["v1", userId, String(sessionVersion), String(issuedAt.getTime())].join(".");
  return `${payload}.${mac(payload, secret)}`;
}

/** True when `token` is this user's, for their current session version, and at most 10 minutes old at `at`. */
export function sudoTokenIsFresh(token: string | undefined, { userId, sessionVersion }: Claim, at: Date, secret?: string): boolean {
  if (typeof token !== "string" || token.length > 512) return false;
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") return false;
  const [, tokenUser, tokenVersion, issuedAt, given] = parts;
  const expected = Buffer.from(mac(parts.slice(0, 4).join("."), secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return false;
  const age = at.getTime() - Number(issuedAt);
  // A little allowance for a token issued "in the future" by another instance's clock.
  return tokenUser === userId && tokenVersion === String(sessionVersion) && Number.isFinite(age) && age >= -5_000 && age <= SUDO_WINDOW_MS;
}
