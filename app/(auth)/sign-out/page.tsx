import type { Metadata } from "next";
import Link from "next/link";
import { SignOutForm } from "./_components/sign-out-form";

export const metadata: Metadata = { title: "Sign out" };

// Replaces next-auth's own confirmation page (pages.signOut), which had no security headers and
// could be framed (review #15); under the proxy this one gets them like every page.
export default function SignOutPage() {
  return (
    <>
      <h1 className="text-xl font-semibold text-zinc-900">Sign out</h1>
      <p className="mt-1 text-sm text-zinc-600">Signing out ends every session of your account, on every device.</p>
      <SignOutForm />
      <p className="mt-6 text-center text-sm text-zinc-600">
        <Link href="/" className="font-medium text-brand-600 hover:text-brand-700">
          Stay signed in
        </Link>
      </p>
    </>
  );
}
