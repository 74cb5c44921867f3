import "server-only";
import { notFound, redirect } from "next/navigation";
import { hasMemberRole, type MemberRole } from "@/lib/permissions";
import { membershipBySlug } from "@/lib/projects/queries";
import { currentUser } from "./session";

/** Server components' door: the signed-in member of `slug`, or /login, or 404 (no existence leak). */
export async function requireMember(slug: string, least: MemberRole = "viewer") {
  const user = await currentUser();
  if (!user) redirect("/login");
  const membership = await membershipBySlug(user.id, slug);
  if (!membership || !hasMemberRole(membership.role, least)) notFound();
  return { user, project: membership.project, role: membership.role as MemberRole };
}
