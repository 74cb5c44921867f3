import { z } from "zod";
import { open, seal } from "@/lib/crypto/secret-box";

// A sign-up link carries the whole pending sign-up, sealed (AES-256-GCM under LATCHKEY_SECRET):
// nothing is stored until it is followed, so a flood of sign-ups writes no rows but mail. The
// password travels only as its bcrypt hash, inside the seal. The link is single-use because
// following it creates the account, after which the e-mail is taken.

export const SIGN_UP_LINK_HOURS = 24;

const pendingSignUp = z.object({
  purpose: z.literal("sign-up"),
  email: z.string(),
  name: z.string(),
  projectName: z.string(),
  passwordHash: z.string(),
  expiresAt: z.number(),
});
export type PendingSignUp = Omit<z.infer<typeof pendingSignUp>, "purpose" | "expiresAt">;

export function signUpToken(pending: PendingSignUp, at: Date): string {
  return seal(JSON.stringify({ purpose: "sign-up", ...pending, expiresAt: at.getTime() + SIGN_UP_LINK_HOURS * 3600_000 }));
}

export type OpenedSignUp = { ok: true; pending: PendingSignUp } | { ok: false; reason: "invalid" | "expired" };

export function openSignUpToken(token: string, at: Date): OpenedSignUp {
  let parsed: z.infer<typeof pendingSignUp>;
  try {
    parsed = pendingSignUp.parse(JSON.parse(open(token)));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (parsed.expiresAt <= at.getTime()) return { ok: false, reason: "expired" };
  const { purpose: _purpose, expiresAt: _expiresAt, ...pending } = parsed;
  return { ok: true, pending };
}
