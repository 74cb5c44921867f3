import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { devMailboxEnabled } from "@/lib/mail/transport";
import { mailboxOf } from "@/lib/mail/queries";
import { appUrl, mailTime } from "@/lib/mail/templates";
import { MailBody } from "./_components/mail-body";
import { LogoMark } from "@/components/logo";

export const metadata: Metadata = { title: "Mailbox" };

/**
 * The local outbox (SPEC §9): where mail goes when no SMTP_URL is set. Each signed-in person sees
 * only the mail addressed to them, but anyone can sign up with any address, so it is for
 * development and tests only: 404 unless LATCHKEY_DEV_MAILBOX=1 (SPEC §13).
 */
export default async function MailboxPage() {
  if (!devMailboxEnabled()) notFound();
  const user = await currentUser();
  if (!user) redirect("/login?callbackUrl=%2Fdev%2Fmailbox");
  const mails = await mailboxOf(user.email);
  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto max-w-3xl px-6 py-10">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link href="/" className="flex items-center gap-2 text-base font-semibold">
          <LogoMark className="h-6 w-6" /> Latchkey
        </Link>
        <Link href="/" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          Back to the dashboard
        </Link>
      </div>
      <h1 className="mt-8 text-2xl font-semibold tracking-tight text-zinc-900">Mailbox</h1>
      <p className="mt-1 text-sm text-zinc-600">
        No SMTP server is configured (<code className="rounded bg-zinc-100 px-1 py-0.5 text-xs">SMTP_URL</code>), so Latchkey keeps its e-mail here. You see the messages sent to {user.email}.
      </p>
      {mails.length === 0 ? (
        <p className="mt-8 rounded-lg border border-zinc-200 bg-white px-4 py-8 text-center text-sm text-zinc-600">No mail yet.</p>
      ) : (
        <ol className="mt-8 space-y-4" aria-label="Messages">
          {mails.map((mail) => (
            <li key={mail.id}>
              <article aria-labelledby={`mail-${mail.id}`} className="rounded-lg border border-zinc-200 bg-white p-5">
                <header className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 id={`mail-${mail.id}`} className="text-base font-semibold text-zinc-900">
                    {mail.subject}
                  </h2>
                  <time dateTime={mail.createdAt.toISOString()} className="text-xs text-zinc-500">
                    {mailTime(mail.createdAt)}
                  </time>
                </header>
                <MailBody body={mail.body} baseUrl={appUrl()} />
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
