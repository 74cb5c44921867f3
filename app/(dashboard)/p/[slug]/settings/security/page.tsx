import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import Link from "next/link";
import { requireMember } from "@/lib/auth/require-member";
import { memberMay } from "@/lib/members/rules";
import { hasTwoFactor } from "@/lib/two-factor/service";
import { projectTwoFactorRequirement } from "@/lib/two-factor/project-requirement";
import { RequireTwoFactorSwitch } from "./_components/require-two-factor-switch";
import { KeyPolicyForm } from "./_components/key-policy-form";
import { Section } from "@/components/ui/section";
import { Badge } from "@/components/ui/badge";
import { keyPolicy, keysBreakingPolicy } from "@/lib/keys/policy-service";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project, role } = await requireMember(slug);
  const [requirement, selfHasTwoFactor, policy] = await Promise.all([projectTwoFactorRequirement(project.id), hasTwoFactor(user.id), keyPolicy(project.id)]);
  const breaking = await keysBreakingPolicy(project.id, policy);
  const setsPolicy = memberMay(role, "setsSecurityPolicy");
  return (
    <>
      <PageHeader title="Security" description="How people sign in to manage this project's keys, and the rules its API keys follow." />
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

      <Section
        title="Key policy"
        description="Rules for this project's API keys. Keys that exist already are listed here when they break a rule, never changed by it; only unused keys are disabled."
        className="mt-8"
      >
        <KeyPolicyForm projectSlug={project.slug} policy={policy} canChange={setsPolicy} />
        {!setsPolicy && <p className="mt-3 text-sm text-zinc-500">Only project owners can change the key policy.</p>}
        {breaking.toDisable > 0 && (
          <p className="mt-4 text-sm text-amber-800">
            {breaking.toDisable} {breaking.toDisable === 1 ? "key is" : "keys are"} unused for longer than {policy.disableUnusedAfterDays} days and will be disabled by the next background run.
          </p>
        )}
        {breaking.total > 0 && (
          <div className="mt-4">
            <h3 className="text-sm font-medium text-zinc-900">
              {breaking.total} existing {breaking.total === 1 ? "key breaks" : "keys break"} this policy
            </h3>
            <ul aria-label="Keys that break the key policy" className="mt-2 divide-y divide-zinc-100 rounded-md border border-zinc-200 text-sm">
              {breaking.keys.map((key) => (
                <li key={key.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
                  <Link href={`/p/${project.slug}/settings/api-keys/${key.id}`} className="min-w-0 break-all font-medium text-zinc-900 hover:text-brand-700 hover:underline">
                    {key.name}
                  </Link>
                  <span className="font-mono text-xs text-zinc-500">{key.preview}</span>
                  {key.reasons.map((reason) => (
                    <Badge key={reason} tone="amber">
                      {reason}
                    </Badge>
                  ))}
                </li>
              ))}
            </ul>
            {breaking.total > breaking.keys.length && <p className="mt-2 text-xs text-zinc-500">And {breaking.total - breaking.keys.length} more.</p>}
          </div>
        )}
      </Section>
    </>
  );
}
