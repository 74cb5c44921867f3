import "server-only";
import bcrypt from "bcryptjs";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { DomainError } from "@/lib/errors";
import { deliverSoon, mailFrom } from "@/lib/mail/outbox";
import { smtpTransport } from "@/lib/mail/transport";
import { appUrl } from "@/lib/mail/templates";
import { passwordResetMail } from "@/lib/mail/account-templates";
import { BCRYPT_COST } from "./service";
import { applyNewPasswordTx, assertStrongFor } from "./passwords";

// Password reset by an e-mailed single-use link (SPEC §13). The token (32 random bytes) exists
// only in the link: the database keeps its SHA-256, and the mail goes straight to the SMTP server
// rather than through the outbox, whose table keeps message bodies. Without SMTP_URL nothing is
// stored or sent, and the operator resets passwords from the command line instead.

export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;
export const INVALID_RESET_LINK = "This reset link is not valid: it was already used, it expired, or it was mistyped. Ask for a new one.";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Reset links can be sent only when an SMTP server is configured. */
export const resetLinksAvailable = (): boolean => smtpTransport() !== null;

/**
 * Sends a reset link when `email` has an account, else nothing; either way the caller answers
 * the same. Resolves once the mail is handed to the SMTP server (callers run it after answering).
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const transport = smtpTransport();
  if (!transport) return;
  const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return;
  const token = randomBytes(32).toString("base64url");
  const createdAt = now();
  const expiresAt = new Date(createdAt.getTime() + RESET_LINK_LIFETIME_MS);
  await db().$transaction([
    db().passwordReset.deleteMany({ where: { userId: user.id, OR: [{ expiresAt: { lte: createdAt } }, { usedAt: { not: null } }] } }),
    db().passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt, createdAt } }),
  ]);
  const link = `${appUrl()}/reset-password/${token}`;
  await transport.sendMail({ from: mailFrom(), to: user.email, ...textOf(passwordResetMail({ link, expiresAt })) });
}

const textOf = (mail: { subject: string; body: string }) => ({ subject: mail.subject, text: mail.body });

async function liveReset(token: string) {
  if (!TOKEN.test(token)) return null;
  const reset = await db().passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  return reset && !reset.usedAt && reset.expiresAt > now() ? reset : null;
}

/** Whether the link may still be used (the reset page asks before showing its form). */
export async function resetLinkIsLive(token: string): Promise<boolean> {
  return (await liveReset(token)) !== null;
}

/** Sets the password from a live link, spends the link and ends every session of the user. */
export async function resetPassword(token: string, password: string): Promise<void> {
  const reset = await liveReset(token);
  if (!reset) throw new DomainError("not_found", INVALID_RESET_LINK);
  assertStrongFor(reset.user, password, "password");
  const passwordHash = await bcrypt.hash(password, BCRYPT_COST);
  await db().$transaction(async (tx) => {
    // Claimed by a conditional update: of two submissions of one link, one wins.
    const claim = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null, expiresAt: { gt: now() } }, data: { usedAt: now() } });
    if (claim.count !== 1) throw new DomainError("not_found", INVALID_RESET_LINK);
    await applyNewPasswordTx(tx, reset.user, passwordHash, "reset");
    // The link reached the address: owning it is proven.
    await tx.user.updateMany({ where: { id: reset.user.id, emailVerifiedAt: null }, data: { emailVerifiedAt: now() } });
  });
  deliverSoon();
}
