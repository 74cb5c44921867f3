import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/require-member";
import { assignableRoles, memberMay } from "@/lib/members/rules";
import { listMembers } from "@/lib/members/queries";
import { AddMemberButton } from "./_components/add-member-button";
import { MembersTable } from "./_components/members-table";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project, role } = await requireMember(slug);
  const canManage = memberMay(role, "manages");
  const { members, invitations } = await listMembers(project.id);
  return (
    <>
      <PageHeader
        title="Members"
        description="People who can open this project in the dashboard. Owners and admins manage keys and members; viewers can look but not change anything."
        actions={canManage && <AddMemberButton projectSlug={project.slug} assignable={assignableRoles(role)} />}
      />

      {!canManage && <p className="mt-4 rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm text-zinc-600">You are a viewer in this project: you can see its members but not change them.</p>}

      <div className="mt-6">
        <MembersTable members={members} invitations={invitations} projectSlug={project.slug} currentUserId={user.id} callerRole={role} />
      </div>
    </>
  );
}
