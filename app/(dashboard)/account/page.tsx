import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { LogoMark } from "@/components/logo";
import { ThemeToggle } from "@/components/theme-toggle";
import { PageHeader } from "@/components/ui/page-header";
import { PasswordSection } from "./_components/password-section";
import { SessionsSection } from "./_components/sessions-section";
import { TwoFactorSection } from "./_components/two-factor-section";

export const metadata: Metadata = { title: "Account" };

// The signed-in person's own settings, outside any project. Each section is its own component.
export default async function AccountPage() {
  const user = await currentUser();
  if (!user) redirect("/login?callbackUrl=/account");
  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <div className="flex items-center justify-between gap-4">
        <Link href="/" className="flex items-center gap-2 text-base font-semibold">
          <LogoMark className="h-6 w-6" /> Latchkey
        </Link>
        <ThemeToggle />
      </div>
      <PageHeader
        className="mt-8"
        title="Account"
        description={
          <>
            Signed in as {user.name} ({user.email}).{" "}
            <Link href="/" className="font-medium text-brand-600 hover:text-brand-700">
              Back to your projects
            </Link>
          </>
        }
      />
      <div className="mt-8 space-y-6">
        <PasswordSection />
        <TwoFactorSection userId={user.id} />
        <SessionsSection />
      </div>
    </main>
  );
}
