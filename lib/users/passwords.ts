import "server-only";
import bcrypt from "bcryptjs";
import { db, type Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { DomainError } from "@/lib/errors";
import { enqueueMail, deliverSoon } from "@/lib/mail/outbox";
import { passwordChangedMail, type PasswordChange } from "@/lib/mail/account-templates";
import { endAllSessions } from "@/lib/auth/session-version";
import { recordSuccessfulSignIn, takeSignInAttempt } from "@/lib/auth/sign-in-limits";
import type { RequestMeta } from "@/lib/audit/record";
import { BCRYPT_COST, passwordMatches } from "./service";
import { passwordWeakness } from "./password-strength";
import type { ChangePasswordInput } from "./password-schemas";
import { waitInWords } from "@/lib/limits/outcome";

// Changing a password (SPEC §13). There is no per-user audit log (audit entries belong to a
// project), so the person is told by e-mail instead, through the outbox, in the same transaction.

/** Refuses a password that is weak or contains this person's e-mail or name, under `field`. */
export function assertStrongFor(person: { email: string; name: string }, password: string, field: string): void {
  const weakness = passwordWeakness(password, person);
  if (weakness) throw new DomainError("validation_failed", weakness, field);
}

/**
 * Stores the new hash, ends every session of the user, spends every open reset link (an old link
 * must not undo a change) and tells the person; returns the new session version.
 */
export async function applyNewPasswordTx(tx: Tx, user: { id: string; email: string }, passwordHash: string, how: PasswordChange): Promise<number> {
  await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
  const at = now();
  await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: at } });
  await enqueueMail(tx, [user.email], passwordChangedMail({ how, at }));
  return endAllSessions(user.id, tx);
}

/** The Account page's change: the current password is required, and counts as a sign-in attempt. */
export async function changePassword(userId: string, input: ChangePasswordInput, meta: RequestMeta): Promise<number> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
  if (!user) throw new DomainError("not_found", "Your account was not found.");
  const ip = meta.ip ?? "unknown";
  const wait = await takeSignInAttempt(ip, user.email);
  if (wait > 0) throw new DomainError("rate_limited", `Too many password attempts. Try again in ${waitInWords(wait)}.`, "currentPassword");
  if (!(await passwordMatches(user.id, input.currentPassword))) throw new DomainError("validation_failed", "Your current password is not right.", "currentPassword");
  await recordSuccessfulSignIn(ip, user.email);
  if (input.newPassword === input.currentPassword) throw new DomainError("validation_failed", "Choose a password different from your current one.", "newPassword");
  assertStrongFor(user, input.newPassword, "newPassword");
  const passwordHash = await bcrypt.hash(input.newPassword, BCRYPT_COST);
  const version = await db().$transaction((tx) => applyNewPasswordTx(tx, user, passwordHash, "changed"));
  deliverSoon();
  return version;
}

/** The operator's reset from the command line (no mail needed; see scripts/reset-password.mts). */
export async function resetPasswordByOperator(email: string, password: string): Promise<void> {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, name: true } });
  if (!user) throw new DomainError("not_found", `No account has the e-mail address ${email.trim()}.`);
  assertStrongFor(user, password, "password");
  const passwordHash = await bcrypt.hash(password, BCRYPT_COST);
  await db().$transaction((tx) => applyNewPasswordTx(tx, user, passwordHash, "reset by an operator"));
  deliverSoon();
}
