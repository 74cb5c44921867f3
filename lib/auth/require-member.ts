import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { hasMemberRole, type MemberRole } from "@/lib/permissions";
import { membershipBySlug } from "@/lib/projects/queries";
import { currentUser } from "./session";
import { enrolPath, missesRequiredTwoFactor } from "./two-factor-gate";

// One read of the session and membership per request, however many layouts and pages ask.
const memberOf = cache(async (slug: string) => {
  const user = await currentUser();
  if (!user) return null;
  const membership = await membershipBySlug(user.id, slug);
  return { user, membership };
});

/** Server components' door: the signed-in member of `slug`, or /login, or 404 (no existence leak), or two-factor setup. */
export async function requireMember(slug: string, least: MemberRole = "viewer") {
  const found = await memberOf(slug);
  if (!found) redirect("/login");
  const { user, membership } = found;
  if (!membership || !hasMemberRole(membership.role, least)) notFound();
  if (missesRequiredTwoFactor(membership)) redirect(enrolPath(slug));
  return { user, project: membership.project, role: membership.role as MemberRole };
}
