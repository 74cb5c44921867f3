import type { Metadata } from "next";
import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { MEMBER_ROLE_INFO } from "@/lib/permissions";
import { EXPIRED_LINK, INVALID_LINK, readInvitation } from "@/lib/invitations/service";
import { InviteSignUpForm } from "./_components/invite-sign-up-form";
import { JoinButton } from "./_components/join-button";
import { SwitchAccountButton } from "./_components/switch-account-button";

// The page an invite link opens (SPEC §13), outside the signed-in areas. The token in the path is
// the invitation's only secret; the page never puts it in another URL but its own (and the
// sign-in page's return address, same origin).
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

function Problem({ title, message }: { title: string; message: string }) {
  return (
    <>
      <h1 className="text-xl font-semibold text-zinc-900">{title}</h1>
      <p className="mt-2 text-sm text-zinc-600">{message}</p>
      <p className="mt-6 text-center text-sm">
        <Link href="/" className="font-medium text-brand-600 hover:text-brand-700">
          Go to Latchkey
        </Link>
      </p>
    </>
  );
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await readInvitation(token);
  if (found.status === "invalid") return <Problem title="This invitation link is not valid" message={INVALID_LINK} />;
  if (found.status === "expired") return <Problem title="This invitation has expired" message={EXPIRED_LINK} />;

  const { invitation } = found;
  const here = `/invite/${encodeURIComponent(token)}`;
  const user = await currentUser();
  const intro = (
    <>
      <h1 className="text-xl font-semibold text-zinc-900">Join {invitation.project.name}</h1>
      <p className="mt-1 text-sm text-zinc-600">
        You are invited to the project &ldquo;{invitation.project.name}&rdquo; as {MEMBER_ROLE_INFO[invitation.role].label.toLowerCase()}. The invitation is for{" "}
        <span className="font-medium text-zinc-800">{invitation.email}</span>.
      </p>
    </>
  );

  if (user && user.email === invitation.email) {
    return (
      <>
        {intro}
        <JoinButton token={token} projectName={invitation.project.name} />
      </>
    );
  }
  if (user) {
    return (
      <>
        {intro}
        <p role="status" className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This invitation is for {invitation.email}, but you are signed in as {user.email}. Sign out, then sign in or sign up as {invitation.email} to join.
        </p>
        <SwitchAccountButton returnTo={here} />
      </>
    );
  }
  if (found.accountExists) {
    return (
      <>
        {intro}
        <p className="mt-4 text-sm text-zinc-600">An account for {invitation.email} exists. Sign in to it to join.</p>
        <Link
          href={`/login?callbackUrl=${encodeURIComponent(here)}`}
          className="mt-6 flex w-full justify-center rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
        >
          Sign in to join
        </Link>
      </>
    );
  }
  return (
    <>
      {intro}
      <InviteSignUpForm token={token} email={invitation.email} projectName={invitation.project.name} />
      <p className="mt-6 text-center text-xs text-zinc-500">Creating an account here makes no project of your own; you can create one later.</p>
    </>
  );
}
