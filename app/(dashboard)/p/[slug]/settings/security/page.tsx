import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import Link from "next/link";
import { requireMember } from "@/lib/auth/require-member";
import { memberMay } from "@/lib/members/rules";
import { hasTwoFactor } from "@/lib/two-factor/service";
import { projectTwoFactorRequirement } from "@/lib/two-factor/project-requirement";
import { RequireTwoFactorSwitch } from "./_components/require-two-factor-switch";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project, role } = await requireMember(slug);
  const [requirement, selfHasTwoFactor] = await Promise.all([projectTwoFactorRequirement(project.id), hasTwoFactor(user.id)]);
  const setsPolicy = memberMay(role, "setsSecurityPolicy");
  return (
    <>
      <PageHeader title="Security" description="How people sign in to manage this project's keys. API keys are not affected." />
      <RequireTwoFactorSwitch
        projectSlug={project.slug}
        enabled={requirement.required}
        canChange={setsPolicy && (requirement.required || selfHasTwoFactor)}
        membersWithout={requirement.membersWithout}
      />
      {setsPolicy && !selfHasTwoFactor && !requirement.required && (
        <p className="mt-3 text-sm text-zinc-600">
          To require it, first{" "}
          <Link href="/account/two-factor" className="font-medium text-brand-600 hover:text-brand-700">
            turn on two-factor sign-in for your own account
          </Link>
          .
        </p>
      )}
      {!setsPolicy && <p className="mt-3 text-sm text-zinc-500">Only project owners can change this.</p>}
    </>
  );
}
