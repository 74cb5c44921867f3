import { appUrl, mailTime } from "./templates";
import type { OutgoingMail } from "./outbox";

// The e-mails about a person's own account (SPEC §13). Plain text; no user-chosen text in a subject.

export function passwordResetMail(input: { link: string; expiresAt: Date }): OutgoingMail {
  return {
    subject: "Reset your Latchkey password",
    body:
      `Someone asked to reset the password of the Latchkey account for this e-mail address.\n` +
      `To choose a new password, open this link (it works once, until ${mailTime(input.expiresAt)}):\n${input.link}\n\n` +
      `If you did not ask for this, ignore this e-mail: your password stays as it is.\n`,
  };
}

export type PasswordChange = "changed" | "reset" | "reset by an operator";

export function passwordChangedMail(input: { how: PasswordChange; at: Date }): OutgoingMail {
  return {
    subject: "Your Latchkey password was changed",
    body:
      `The password of your Latchkey account was ${input.how} at ${mailTime(input.at)}, and every session of the account was signed out.\n` +
      `If this was not you, reset your password at once: ${appUrl()}/forgot-password\n` +
      `and tell your Latchkey operator.\n`,
  };
}
