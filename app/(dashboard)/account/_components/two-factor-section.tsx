import Link from "next/link";
import { twoFactorStatus } from "@/lib/two-factor/service";
import { Section } from "@/components/ui/section";

export async function TwoFactorSection({ userId }: { userId: string }) {
  const status = await twoFactorStatus(userId);
  return (
    <Section
      id="two-factor"
      title="Two-factor sign-in"
      description={status.enabledAt ? `On since ${status.enabledAt.toISOString().slice(0, 10)}; ${status.recoveryCodesLeft} recovery codes left.` : "Off: your password alone signs you in."}
    >
      <Link href="/account/two-factor" className="text-sm font-medium text-brand-600 hover:text-brand-700">
        {status.enabledAt ? "Manage two-factor sign-in" : "Set up two-factor sign-in"}
      </Link>
    </Section>
  );
}
