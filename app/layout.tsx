import type { Metadata } from "next";
import { headers } from "next/headers";
import { HydrationMarker } from "@/components/hydration-marker";
import { SkipLink } from "@/components/skip-link";
import { THEME_SCRIPT } from "@/components/theme-script";
import { ToastProvider } from "@/components/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Latchkey", template: "%s · Latchkey" },
  description: "Self-hosted API keys: least privilege, one-time reveal, instant revocation.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page dynamic, which the per-request CSP nonce requires.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script sets class="dark" before React hydrates, hence the warning suppressed here.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <SkipLink />
        <ToastProvider>{children}</ToastProvider>
        <HydrationMarker />
      </body>
    </html>
  );
}
