import type { Membership } from "@/lib/projects/queries";

// "Require two-factor for every member" (SPEC §13), one rule for the three dashboard doors:
// pages send such a member to set it up, server actions and route handlers refuse. API keys are
// not people and are unaffected.

export const TWO_FACTOR_REQUIRED_MESSAGE = "This project requires two-factor sign-in. Turn it on for your account, then try again.";

export const missesRequiredTwoFactor = (membership: Pick<Membership, "project" | "user">): boolean => membership.project.requireTwoFactor && !membership.user.totpEnabledAt;

export const enrolPath = (slug: string) => `/account/two-factor?project=${encodeURIComponent(slug)}`;
