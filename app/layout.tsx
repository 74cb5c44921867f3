import type { Metadata } from "next";
import { headers } from "next/headers";
import { HydrationMarker } from "@/components/hydration-marker";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Latchkey", template: "%s · Latchkey" },
  description: "Self-hosted API keys: least privilege, one-time reveal, instant revocation.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page dynamic, which the per-request CSP nonce requires.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {children}
        <HydrationMarker />
      </body>
    </html>
  );
}
