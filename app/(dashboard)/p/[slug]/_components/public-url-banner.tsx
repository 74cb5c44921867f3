"use client";
import { useEffect, useState } from "react";

/**
 * For owners: the browser's origin is not the configured public URL, so the links Latchkey e-mails
 * (invitations, key notices, sign-up) lead elsewhere. Compared in the browser, the only place that
 * knows the address the person really used; the server never trusts the Host header for it.
 */
export function PublicUrlBanner({ configuredUrl }: { configuredUrl: string }) {
  const [origin, setOrigin] = useState<string | null>(null);
  useEffect(() => setOrigin(window.location.origin), []);
  const configured = new URL(configuredUrl).origin;
  if (!origin || origin === configured) return null;
  return (
    <section aria-label="Public URL" className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p>
        You are using <strong className="break-words font-semibold">{origin}</strong>, but links in e-mails point to <strong className="break-words font-semibold">{configured}</strong>. Set{" "}
        <code className="font-mono text-xs">LATCHKEY_URL</code> to the address people use to reach Latchkey and restart the server, or open Latchkey at {configured}.
      </p>
    </section>
  );
}
