import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/require-member";
import { memberMay } from "@/lib/members/rules";
import { listChannels } from "@/lib/channels/queries";
import { ChannelsTable } from "./_components/channels-table";
import { CreateChannelButton } from "./_components/create-channel-button";

export const metadata: Metadata = { title: "Channels" };

export default async function ChannelsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project, role } = await requireMember(slug);
  const canManage = memberMay(role, "manages");
  const channels = await listChannels(project.id);
  return (
    <>
      <PageHeader
        title="Channels"
        description="A channel is a named group of recipients, addressed by its slug. Scope a key to channels so it can only reach them."
        actions={canManage && <CreateChannelButton projectSlug={project.slug} />}
      />
      <div className="mt-6">
        {channels.length === 0 ? (
          <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center">
            <h2 className="text-base font-semibold text-zinc-900">No channels yet</h2>
            <p className="mx-auto mt-2 max-w-md text-sm text-zinc-600">
              Create channels such as <code>marketing</code> or <code>test-devices</code>, then scope keys to them.
            </p>
          </div>
        ) : (
          <ChannelsTable channels={channels} projectSlug={project.slug} canManage={canManage} />
        )}
      </div>
    </>
  );
}
