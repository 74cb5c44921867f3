"use server";
import { revalidatePath } from "next/cache";
import { projectAction } from "@/lib/auth/project-action";
import { SETS_POLICY } from "@/lib/members/rules";
import { requireFreshAuth } from "@/lib/auth/sudo";
import { requireTwoFactorSchema } from "@/lib/two-factor/schemas";
import { setRequireTwoFactor } from "@/lib/two-factor/project-requirement";
import { keyPolicySchema } from "@/lib/keys/policy";
import { setKeyPolicy } from "@/lib/keys/policy-service";

/** "Require two-factor for every member": owners only (SETS_POLICY), in sudo mode, audited. */
export const setRequireTwoFactorAction = projectAction(requireTwoFactorSchema, SETS_POLICY, async ({ requireTwoFactor }, { project, user, audit }) => {
  await requireFreshAuth(user.id);
  const result = await setRequireTwoFactor(project.id, requireTwoFactor, audit, { userId: user.id });
  revalidatePath("/p/[slug]/settings/security", "page");
  return result;
});

/** The project key policy (SPEC §15): owners only, audited; existing keys are listed, not changed. */
export const setKeyPolicyAction = projectAction(keyPolicySchema, SETS_POLICY, async (policy, { project, audit }) => {
  const result = await setKeyPolicy(project.id, policy, audit);
  revalidatePath("/p/[slug]/settings", "layout");
  return result;
});
