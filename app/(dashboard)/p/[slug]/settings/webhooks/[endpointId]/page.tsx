import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/relative-time";
import { Section } from "@/components/ui/section";
import { requireMember } from "@/lib/auth/require-member";
import { memberMay } from "@/lib/members/rules";
import { DELIVERY_LOG_SIZE, endpointWithDeliveries } from "@/lib/webhooks/queries";
import { DeliveriesTable } from "./_components/deliveries-table";
import { EndpointActions } from "./_components/endpoint-actions";
import { RefreshWhilePending } from "./_components/refresh-while-pending";

export const metadata: Metadata = { title: "Webhook endpoint" };

type Props = { params: Promise<{ slug: string; endpointId: string }> };

/** An endpoint's page: its events, "Send test event", "Delete" (managers only) and its delivery log. */
export default async function EndpointPage({ params }: Props) {
  const { slug, endpointId } = await params;
  const { project, role } = await requireMember(slug);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(endpointId)) notFound();
  const found = await endpointWithDeliveries(project.id, endpointId);
  if (!found) notFound();
  const { endpoint, deliveries } = found;
  const listPath = `/p/${project.slug}/settings/webhooks`;
  const awaitingFirstAttempt = deliveries.some((delivery) => delivery.status === "pending" && delivery.attempts === 0);

  return (
    <>
      <RefreshWhilePending pending={awaitingFirstAttempt} />
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
        <Link href={listPath} className="hover:text-zinc-800">
          Webhooks
        </Link>{" "}
        / <span className="text-zinc-700">Endpoint</span>
      </nav>
      <PageHeader
        className="mt-2"
        title={<span className="break-all font-mono text-xl">{endpoint.url}</span>}
        actions={memberMay(role, "manages") && <EndpointActions endpoint={{ id: endpoint.id, url: endpoint.url }} projectSlug={project.slug} listPath={listPath} />}
      >
        <p className="mt-2 text-sm text-zinc-600">
          Added <RelativeTime date={endpoint.createdAt} />
        </p>
      </PageHeader>

      <div className="mt-6 space-y-6">
        <Section title="Events" description="What this endpoint is told about. To change them, delete the endpoint and add it again.">
          <span className="flex flex-wrap gap-1">
            {endpoint.events.map((event) => (
              <Badge key={event} className="font-mono">
                {event}
              </Badge>
            ))}
          </span>
        </Section>
        <Section
          variant="plain"
          title="Deliveries"
          description={`The latest ${DELIVERY_LOG_SIZE}, newest first. A delivery that is not answered with a 2xx is tried again after 30 seconds, 2 minutes, 10 minutes, 1 hour and 6 hours, then marked failed.`}
        >
          {deliveries.length === 0 ? (
            <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">No deliveries yet.</p>
          ) : (
            <DeliveriesTable deliveries={deliveries} />
          )}
        </Section>
      </div>
    </>
  );
}
