import type { Metadata } from "next";
import Link from "next/link";
import { firstAccountPending, signUpMailReachable } from "@/lib/users/sign-up-requests";
import { SignUpForm } from "./_components/signup-form";

export const metadata: Metadata = { title: "Create account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  // Past the first account, a sign-up finishes through an e-mailed link; with no way to send one,
  // new people join through an invite link instead.
  const open = signUpMailReachable() || (await firstAccountPending());
  return (
    <>
      <h1 className="text-xl font-semibold text-zinc-900">Create your account</h1>
      {open ? (
        <>
          <p className="mt-1 text-sm text-zinc-600">You&apos;ll own your first project and can invite others later.</p>
          <SignUpForm />
        </>
      ) : (
        <p role="status" className="mt-4 rounded-md border border-zinc-200 bg-zinc-50 p-4 text-sm text-zinc-700">
          This server cannot send e-mail, so new accounts are created from an invite link. Ask an owner or admin of your project to copy one for you from Settings → Members.
        </p>
      )}
      <p className="mt-6 text-center text-sm text-zinc-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700">
          Sign in
        </Link>
      </p>
    </>
  );
}
