import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

// nodemailer over SMTP_URL (e.g. smtp://user:pass@host:587 or smtps://…); none without it.
const holder = globalThis as unknown as { __latchkeySmtp?: { url: string; transport: Transporter } };

export function smtpTransport(): Transporter | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  if (holder.__latchkeySmtp?.url !== url) {
    holder.__latchkeySmtp?.transport.close();
    const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    holder.__latchkeySmtp = { url, transport };
  }
  return holder.__latchkeySmtp.transport;
}

/** The local outbox is in use when no SMTP server is configured. */
export const usesLocalOutbox = (): boolean => !process.env.SMTP_URL;

/**
 * /dev/mailbox shows a signed-in person the mail sent to the address they signed up with, which
 * proves nothing about owning that address (SPEC §13): a development tool, off unless asked for.
 */
export const devMailboxEnabled = (): boolean => process.env.LATCHKEY_DEV_MAILBOX === "1" && usesLocalOutbox();
