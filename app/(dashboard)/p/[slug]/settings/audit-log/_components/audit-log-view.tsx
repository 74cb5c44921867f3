"use client";
import { useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { queryKeys } from "@/components/query-keys";
import type { AuditPage } from "@/lib/audit/queries";
import { AUDIT_PAGE_SIZE, filterSearchParams, hasFilters, type AuditFilterValues } from "./filter-values";
import { AuditLogFilters } from "./audit-log-filters";
import { AuditLogTable } from "@/components/audit/audit-log-table";

type Props = { projectSlug: string; actions: string[]; initialFilters: AuditFilterValues; initialPage: AuditPage };

async function fetchPage(projectSlug: string, filters: AuditFilterValues, cursor: string | null, signal: AbortSignal): Promise<AuditPage> {
  const params = filterSearchParams(filters);
  params.set("limit", String(AUDIT_PAGE_SIZE));
  if (cursor) params.set("cursor", cursor);
  const res = await fetch(`/p/${projectSlug}/settings/audit-log/entries?${params}`, { signal, headers: { accept: "application/json" } });
  const body = (await res.json().catch(() => null)) as (AuditPage & { error?: { message?: string } }) | null;
  if (!res.ok || !Array.isArray(body?.data)) {
    throw new Error(body?.error?.message ?? "The audit log could not be loaded. Your session may have ended: reload the page.");
  }
  return body;
}

/** Filters, the table and cursor paging; the first page comes rendered from the server. */
export function AuditLogView({ projectSlug, actions, initialFilters, initialPage }: Props) {
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState(initialFilters);
  // The cursors of the pages walked so far: Previous pops one, Next pushes the page's nextCursor.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const first = cursor === null && filters === initialFilters;

  const query = useQuery({
    queryKey: queryKeys.auditLog.page(projectSlug, filters, cursor),
    queryFn: ({ signal }) => fetchPage(projectSlug, filters, cursor, signal),
    initialData: first ? initialPage : undefined,
    placeholderData: keepPreviousData,
  });

  function applyFilters(next: AuditFilterValues) {
    setFilters(next);
    setCursors([null]);
    // Keep the address in step, so a reload or a shared link shows the same filters.
    const search = filterSearchParams(next).toString();
    window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
  }

  const exportHref = `/p/${projectSlug}/settings/audit-log/export?${filterSearchParams(filters)}`;
  const entries = query.data?.data ?? [];
  const nextCursor = query.isPlaceholderData ? null : (query.data?.nextCursor ?? null);

  return (
    <div className="space-y-4">
      <AuditLogFilters actions={actions} value={filters} onChange={applyFilters} />

      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-600" aria-live="polite">
          {query.isFetching ? "Loading…" : hasFilters(filters) ? "Entries matching the filters, newest first." : "All entries, newest first."}
        </p>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" onClick={() => queryClient.invalidateQueries({ queryKey: queryKeys.auditLog.all(projectSlug) })}>
            Refresh
          </Button>
          <a href={exportHref} download className="inline-flex h-8 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 shadow-sm hover:bg-zinc-50">
            Export CSV
          </a>
        </div>
      </div>

      {query.isError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {query.error.message}
        </p>
      )}

      {entries.length === 0 ? (
        !query.isPending && (
          <p className="rounded-lg border border-zinc-200 bg-white px-4 py-8 text-center text-sm text-zinc-600">
            {hasFilters(filters) ? "No entries match these filters." : "Nothing has happened in this project yet."}
          </p>
        )
      ) : (
        <AuditLogTable entries={entries} busy={query.isPlaceholderData} label="Audit entries" />
      )}

      <nav aria-label="Pagination" className="flex items-center justify-between text-sm text-zinc-600">
        <p>Page {cursors.length}</p>
        <div className="flex gap-2">
          {cursors.length > 1 && (
            <Button variant="secondary" size="sm" onClick={() => setCursors((c) => c.slice(0, -1))}>
              Previous
            </Button>
          )}
          {nextCursor && (
            <Button variant="secondary" size="sm" onClick={() => setCursors((c) => [...c, nextCursor])}>
              Next
            </Button>
          )}
        </div>
      </nav>
    </div>
  );
}
