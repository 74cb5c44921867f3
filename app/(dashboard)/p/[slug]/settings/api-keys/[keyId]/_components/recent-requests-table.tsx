"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Table, type Column } from "@/components/ui/table";
import { CopyButton } from "@/components/copy-button";
import { RelativeTime } from "@/components/relative-time";
import type { RecentRequest } from "@/lib/keys/usage-queries";

const statusTone = (status: number) => (status >= 500 ? "red" : status >= 400 ? "amber" : "green");

const COLUMNS: Column<RecentRequest>[] = [
  { header: "Time", cell: (r) => <RelativeTime date={r.at} suffix={`${r.durationMs} ms`} />, className: "whitespace-nowrap text-xs text-zinc-600 md:text-sm" },
  { header: "Method", cell: (r) => r.method, card: "hidden", className: "whitespace-nowrap font-mono text-xs text-zinc-800" },
  {
    header: "Path",
    card: "main",
    className: "break-all font-mono text-xs text-zinc-800 md:max-w-96 md:truncate md:break-normal",
    cell: (r) => (
      <span title={r.path}>
        <span className="md:hidden">{r.method} </span>
        {r.path}
      </span>
    ),
  },
  {
    header: "Status",
    className: "text-right md:text-left",
    cell: (r) => (
      <Badge tone={statusTone(r.status)} className="font-mono">
        {r.status}
      </Badge>
    ),
  },
  { header: "IP", card: "wide", cardLabel: "IP: ", className: "font-mono text-xs text-zinc-700 before:font-sans", cell: (r) => r.ip ?? <span className="text-zinc-500">—</span> },
];

/**
 * A page of a key's requests, newest first; each row opens to its details (error code, user agent,
 * request id, exact time). A table from md up, a card per request on a phone.
 */
export function RecentRequestsTable({ requests }: { requests: RecentRequest[] }) {
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const detailsId = (request: RecentRequest) => `request-details-${request.id}`;
  return (
    <Table
      label="Request table"
      columns={COLUMNS}
      rows={requests}
      rowKey={(request) => request.id}
      details={(request) => (open.has(request.id) ? { id: detailsId(request), content: <RequestDetails request={request} /> } : null)}
      actions={(request) => {
        const expanded = open.has(request.id);
        return (
          <button
            type="button"
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId(request) : undefined}
            onClick={() => toggle(request.id)}
            className="inline-flex items-center gap-1 rounded px-1.5 py-1 text-xs text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 md:py-0.5 md:text-sm md:text-zinc-500"
          >
            <span aria-hidden="true" className={`inline-block transition-transform ${expanded ? "rotate-90" : ""}`}>
              ▸
            </span>
            <span className="md:sr-only">Details</span>
            <span className="sr-only"> for request {request.requestId}</span>
          </button>
        );
      }}
    />
  );
}

const term = "text-xs font-medium uppercase tracking-wide text-zinc-500";
const value = "mt-1 break-all font-mono text-xs text-zinc-800";

function RequestDetails({ request }: { request: RecentRequest }) {
  const at = new Date(request.at);
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      <div>
        <dt className={term}>Error code</dt>
        <dd className={value}>{request.errorCode ?? <span className="font-sans text-zinc-600">{request.status >= 400 ? "Not recorded" : "None"}</span>}</dd>
      </div>
      <div>
        <dt className={term}>Request ID</dt>
        <dd className="mt-1 flex flex-wrap items-center gap-2">
          <code className="break-all font-mono text-xs text-zinc-800">{request.requestId}</code>
          <CopyButton value={request.requestId} label="Copy request id" size="sm" />
        </dd>
      </div>
      <div className="sm:col-span-2">
        <dt className={term}>User agent</dt>
        <dd className={value}>{request.userAgent ?? <span className="font-sans text-zinc-600">Not recorded</span>}</dd>
      </div>
      <div>
        <dt className={term}>Received</dt>
        <dd className={value}>
          {at.toISOString().replace("T", " ").slice(0, 23)} UTC · {request.durationMs} ms
        </dd>
      </div>
      <div>
        <dt className={term}>Path</dt>
        <dd className={value}>
          {request.method} {request.path}
        </dd>
      </div>
    </dl>
  );
}
