import type { Metadata } from "next";
import { FinishSignUpForm } from "./_components/finish-sign-up-form";

export const metadata: Metadata = { title: "Finish creating your account" };

// The link's token is in the URL fragment (never sent to the server); the form reads it and sends
// it with the password in the action's body.
export default function FinishSignUpPage() {
  return (
    <>
      <h1 className="text-xl font-semibold text-zinc-900">Finish creating your account</h1>
      <p className="mt-1 text-sm text-zinc-600">Enter the password you chose when you signed up.</p>
      <FinishSignUpForm />
    </>
  );
}
