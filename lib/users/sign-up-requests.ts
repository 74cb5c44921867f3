import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { DomainError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/audit/record";
import { deliverSoon, enqueueMail } from "@/lib/mail/outbox";
import { appUrl, MAIL_SUBJECTS, signUpExistingAccountMail, signUpLinkMail } from "@/lib/mail/templates";
import { recordSuccessfulSignIn, takeSignInAttempt } from "@/lib/auth/sign-in-limits";
import { BCRYPT_COST, createAccount } from "./service";
import { openSignUpToken, SIGN_UP_LINK_HOURS, signUpToken } from "./sign-up-link";
import type { SignUpInput } from "./schemas";
import { waitInWords } from "@/lib/limits/outcome";

// Self sign-up answers the same whether or not the e-mail has an account (SPEC §13): both get
// "check your inbox", and the inbox gets either the link that finishes the sign-up or a note that
// the address already has an account. Owning the address is proven by following the link. The one
// exception is the first account of a new server: there is no account to reveal yet, and the
// person running `npm start` may have no e-mail set up.

/** At most this many sign-up e-mails to one address per hour, so sign-ups cannot flood an inbox. */
export const SIGN_UP_MAILS_PER_ADDRESS_PER_HOUR = 3;
const SIGN_UP_SUBJECTS = [MAIL_SUBJECTS.signUpLink, MAIL_SUBJECTS.signUpExistingAccount];

export type SignUpOutcome = { kind: "created"; userId: string; projectSlug: string } | { kind: "check_inbox"; email: string };

/** The link's token goes in the fragment, which browsers never send: it stays out of server and proxy logs. */
export const signUpLink = (token: string) => `${appUrl()}/signup/verify#${token}`;

/** The sign-up form's answer: the account at once on an empty server, else a link by e-mail. */
export async function requestSignUp(input: SignUpInput, meta: RequestMeta): Promise<SignUpOutcome> {
  // Hashed on both paths, so an existing e-mail answers no faster than a new one.
  const passwordHash = await bcrypt.hash(input.password, BCRYPT_COST);
  const account = { email: input.email, name: input.name, projectName: input.projectName, passwordHash };
  if (await firstAccountPending()) return { kind: "created", ...(await createAccount(account, meta)) };

  const at = now();
  await db().$transaction(async (tx) => {
    const recent = await tx.mail.count({ where: { recipient: input.email, subject: { in: SIGN_UP_SUBJECTS }, createdAt: { gt: new Date(at.getTime() - 3600_000) } } });
    if (recent >= SIGN_UP_MAILS_PER_ADDRESS_PER_HOUR) return;
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    const mail = existing ? signUpExistingAccountMail() : signUpLinkMail({ link: signUpLink(signUpToken(account, at)), validHours: SIGN_UP_LINK_HOURS });
    await enqueueMail(tx, [input.email], mail);
  });
  deliverSoon();
  return { kind: "check_inbox", email: input.email };
}

const MAX_TOKEN_LENGTH = 4096;

/**
 * Follows a sign-up link: the person enters the password they chose, and the account and its first
 * project are created. A link that was forged, expired or already used changes nothing.
 */
export async function finishSignUp(token: string, password: string, meta: RequestMeta) {
  const opened = token.length <= MAX_TOKEN_LENGTH ? openSignUpToken(token, now()) : ({ ok: false, reason: "invalid" } as const);
  if (!opened.ok && opened.reason === "expired") throw new DomainError("validation_failed", "This link has expired. Sign up again to get a new one.");
  if (!opened.ok) throw new DomainError("validation_failed", "This link is not valid. Open the link from the e-mail exactly as it was sent, or sign up again.");
  const { pending } = opened;
  // Wrong passwords here count as wrong sign-in passwords for that e-mail.
  const wait = await takeSignInAttempt(meta.ip ?? "unknown", pending.email);
  if (wait > 0) throw new DomainError("rate_limited", `Too many attempts. Try again in ${waitInWords(wait)}.`);
  if (!(await bcrypt.compare(password, pending.passwordHash))) throw new DomainError("validation_failed", "That is not the password you chose when signing up.", "password");
  try {
    const created = await createAccount(pending, meta);
    // A right password gives the address its attempt back, as a sign-in does.
    await recordSuccessfulSignIn(meta.ip ?? "unknown", pending.email);
    return { ...created, email: pending.email };
  } catch (error) {
    if (error instanceof DomainError && error.code === "conflict") throw new DomainError("conflict", "This link was already used: the account exists. Sign in instead.");
    throw error;
  }
}

/** Whether a sign-up e-mail can reach anyone: SMTP is set, or the development mailbox is on. */
export const signUpMailReachable = (): boolean => Boolean(process.env.SMTP_URL) || process.env.LATCHKEY_DEV_MAILBOX === "1";

/** Whether the next sign-up is the server's first account (created at once, no e-mail needed). */
export async function firstAccountPending(): Promise<boolean> {
  return (await db().user.count()) === 0;
}
