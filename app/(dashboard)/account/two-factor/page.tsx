import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LogoMark } from "@/components/logo";
import { PageHeader } from "@/components/ui/page-header";
import { currentUser } from "@/lib/auth/session";
import { membershipBySlug } from "@/lib/projects/queries";
import { twoFactorStatus } from "@/lib/two-factor/service";
import { EnrolTwoFactor } from "./_components/enrol-two-factor";
import { ManageTwoFactor } from "./_components/manage-two-factor";

export const metadata: Metadata = { title: "Two-factor sign-in" };

type Props = { searchParams: Promise<{ project?: string | string[] }> };

export default async function TwoFactorPage({ searchParams }: Props) {
  const user = await currentUser();
  if (!user) redirect("/login?callbackUrl=/account/two-factor");
  const { project: slug } = await searchParams;
  // Sent here by a project that requires two-factor (lib/auth/two-factor-gate.ts): name it, if the user is its member.
  const requiredBy = typeof slug === "string" && slug.length <= 100 ? (await membershipBySlug(user.id, slug))?.project : undefined;
  const status = await twoFactorStatus(user.id);
  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto max-w-2xl px-4 py-10 sm:px-6">
      <Link href="/" className="flex items-center gap-2 text-base font-semibold text-zinc-900">
        <LogoMark className="h-6 w-6" /> Latchkey
      </Link>
      <PageHeader
        className="mt-8"
        title="Two-factor sign-in"
        description={`With two-factor sign-in on, signing in as ${user.email} needs your password and a 6-digit code from an authenticator app (such as 1Password, Google Authenticator or Authy).`}
      />
      {requiredBy && !status.enabledAt && (
        <p role="status" className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          The project “{requiredBy.name}” requires two-factor sign-in for every member. Set it up to continue.
        </p>
      )}
      <div className="mt-6">{status.enabledAt ? <ManageTwoFactor enabledOn={status.enabledAt.toISOString().slice(0, 10)} recoveryCodesLeft={status.recoveryCodesLeft} /> : <EnrolTwoFactor />}</div>
      {requiredBy && status.enabledAt && (
        <Link href={`/p/${requiredBy.slug}/settings/api-keys`} className="mt-6 inline-block text-sm font-medium text-brand-600 hover:text-brand-700">
          Continue to {requiredBy.name}
        </Link>
      )}
      {!requiredBy && (
        <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-600 hover:text-brand-700">
          Back to your projects
        </Link>
      )}
    </main>
  );
}
