import type { Metadata } from "next";
import Link from "next/link";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

// next-auth's pages.error: its own error page had no security headers (review #15); this one is
// an app page, so proxy.ts gives it the same headers as every other page.
export const metadata: Metadata = { title: "Signing in did not work" };

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold text-zinc-900">Signing in did not work</h1>
      <p role="alert" className="mt-3 text-sm text-zinc-700">
        {signInErrorMessage(error)}
      </p>
      <Link href="/login" className="mt-6 inline-block text-sm font-medium text-brand-600 hover:text-brand-700">
        Back to sign in
      </Link>
    </>
  );
}
