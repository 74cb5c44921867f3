import type { Metadata } from "next";
import Link from "next/link";
import { resetLinksAvailable } from "@/lib/users/password-reset";
import { ForgotPasswordForm } from "./_components/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };
// Whether SMTP is configured is read when the page is asked for, not when it was built.
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-xl font-semibold text-zinc-900">Forgot your password?</h1>
      {resetLinksAvailable() ? (
        <>
          <p className="mt-1 text-sm text-zinc-600">Enter your account&apos;s e-mail address and we will send you a link to choose a new password.</p>
          <ForgotPasswordForm />
        </>
      ) : (
        <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This server cannot send e-mail, so it cannot send you a reset link. Ask the person who runs this Latchkey server (the operator) to reset your password.
        </p>
      )}
      <p className="mt-6 text-center text-sm text-zinc-600">
        <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
