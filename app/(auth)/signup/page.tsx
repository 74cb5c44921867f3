import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "./_components/signup-form";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <>
      <h1 className="text-xl font-semibold text-zinc-900">Create your account</h1>
      <p className="mt-1 text-sm text-zinc-600">You&apos;ll own your first project and can invite others later.</p>
      <SignUpForm />
      <p className="mt-6 text-center text-sm text-zinc-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700">
          Sign in
        </Link>
      </p>
    </>
  );
}
