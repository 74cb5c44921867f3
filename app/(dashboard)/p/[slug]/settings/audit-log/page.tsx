import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/require-member";
import { listAuditActions, listAuditEntries } from "@/lib/audit/queries";
import { parseAuditQuery } from "@/lib/audit/schemas";
import { QueryProvider } from "@/components/query-provider";
import { AuditLogView } from "./_components/audit-log-view";
import { AUDIT_PAGE_SIZE, NO_FILTERS, type AuditFilterValues } from "./_components/filter-values";

export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditLogPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { project } = await requireMember(slug);
  // Filters in the address (from a reload or a shared link) apply when valid, and are dropped when not.
  const raw = await searchParams;
  const first = (name: keyof AuditFilterValues) => [raw[name]].flat()[0]?.trim() ?? "";
  const requested: AuditFilterValues = { action: first("action"), actor: first("actor"), from: first("from"), to: first("to") };
  const parsed = parseAuditQuery(new URLSearchParams(Object.entries(requested)));
  const valid = parsed.success;
  const filters = valid ? requested : NO_FILTERS;
  const { action, actor, from, to } = valid ? parsed.data : {};

  const [page, actions] = await Promise.all([listAuditEntries(project.id, { action, actor, from, to }, { limit: AUDIT_PAGE_SIZE }), listAuditActions(project.id)]);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in this project (who made it, when and from where), and every API call refused for a revoked, expired or disabled key or a missing permission or scope. Rate-limited calls are not entries here: a key's page lists them among its recent requests."
      />
      {!valid && (
        <p role="alert" className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          The filters in the address were not valid, so all entries are shown.
        </p>
      )}
      <div className="mt-6">
        <QueryProvider>
          <AuditLogView projectSlug={project.slug} actions={actions} initialFilters={filters} initialPage={page} />
        </QueryProvider>
      </div>
    </>
  );
}
