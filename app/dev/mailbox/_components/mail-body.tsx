/**
 * A mail's plain-text body with its links to this Latchkey made clickable. Only URLs under the
 * configured public URL become links: a mail quoting some other address (a key's name, a report's
 * user agent) stays text.
 */
export function MailBody({ body, baseUrl }: { body: string; baseUrl: string }) {
  const parts = body.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm text-zinc-700">
      {parts.map((part, i) =>
        i % 2 === 1 && (part === baseUrl || part.startsWith(`${baseUrl}/`)) ? (
          <a key={i} href={part} className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}
