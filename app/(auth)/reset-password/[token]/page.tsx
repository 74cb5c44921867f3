import type { Metadata } from "next";
import Link from "next/link";
import { resetLinkIsLive } from "@/lib/users/password-reset";
import { ResetPasswordForm } from "./_components/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

// The link of a reset e-mail. The token stays in this URL and the form's body: the page links
// nowhere else, and the Referrer-Policy keeps the path from other origins.
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const live = await resetLinkIsLive(token);
  return (
    <>
      <h1 className="text-xl font-semibold text-zinc-900">Choose a new password</h1>
      {live ? (
        <>
          <p className="mt-1 text-sm text-zinc-600">Setting it signs your account out everywhere.</p>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <>
          <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
            This reset link is not valid: it was already used, it expired, or it was mistyped.
          </p>
          <p className="mt-6 text-center text-sm text-zinc-600">
            <Link href="/forgot-password" className="font-medium text-brand-600 hover:text-brand-700">
              Ask for a new link
            </Link>
          </p>
        </>
      )}
    </>
  );
}
