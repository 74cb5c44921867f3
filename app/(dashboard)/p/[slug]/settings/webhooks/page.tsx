import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { RefreshOnFocus } from "@/components/refresh-on-focus";
import { requireMember } from "@/lib/auth/require-member";
import { memberMay } from "@/lib/members/rules";
import { listEndpoints } from "@/lib/webhooks/queries";
import { AddEndpointButton, EndpointDialogsProvider } from "./_components/endpoint-dialogs";
import { EndpointsEmptyState } from "./_components/endpoints-empty-state";
import { EndpointsTable } from "./_components/endpoints-table";
import { ManagedEndpointsTable } from "./_components/managed-endpoints-table";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project, role } = await requireMember(slug);
  const canManage = memberMay(role, "manages");
  const endpoints = await listEndpoints(project.id);
  const base = `/p/${project.slug}/settings/webhooks`;

  const content = (
    <>
      <RefreshOnFocus />
      <PageHeader
        title="Webhooks"
        description="Your services hear about this project's keys as it happens: each event is POSTed to the endpoints that chose it, signed with the endpoint's secret (Standard Webhooks)."
        actions={canManage && endpoints.length > 0 && <AddEndpointButton />}
      />

      {!canManage && (
        <p className="mt-4 rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm text-zinc-600">You are a viewer in this project: you can see its webhook endpoints but not change them.</p>
      )}

      <div className="mt-6">
        {endpoints.length === 0 ? (
          <EndpointsEmptyState canManage={canManage} />
        ) : canManage ? (
          <ManagedEndpointsTable endpoints={endpoints} base={base} projectSlug={project.slug} />
        ) : (
          <EndpointsTable endpoints={endpoints} base={base} />
        )}
      </div>
    </>
  );
  return canManage ? <EndpointDialogsProvider projectSlug={project.slug}>{content}</EndpointDialogsProvider> : content;
}
