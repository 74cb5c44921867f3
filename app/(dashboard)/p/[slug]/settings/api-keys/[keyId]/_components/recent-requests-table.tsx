"use client";
import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { cardCell, cardTable } from "@/components/ui/card-table";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/copy-button";
import { RelativeTime } from "@/components/relative-time";
import type { RecentRequest } from "@/lib/keys/usage-queries";

const COLUMNS = ["Time", "Method", "Path", "Status", "IP"];
const pad = "px-3 md:py-2.5 md:align-top";
const cell = cn(cardCell.base, pad, "md:whitespace-nowrap");
const statusTone = (status: number) => (status >= 500 ? "red" : status >= 400 ? "amber" : "green");

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
  return (
    <div role="region" aria-label="Request table" tabIndex={0} className={cn(cardTable.frame, "focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40")}>
      <table className={cardTable.table}>
        <thead className={cardTable.head}>
          <tr>
            <th scope="col" className="w-8 px-2 py-2.5">
              <span className="sr-only">Details</span>
            </th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={cardTable.body}>
          {requests.map((request) => {
            const expanded = open.has(request.id);
            const detailsId = `request-details-${request.id}`;
            return (
              <Fragment key={request.id}>
                <tr className={cn(cardTable.row, "px-1 md:px-0")}>
                  <td className={cn(cardCell.base, cardCell.menu, "md:px-2 md:py-2")}>
                    <button
                      type="button"
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailsId : undefined}
                      onClick={() => toggle(request.id)}
                      className="inline-flex items-center gap-1 rounded px-1.5 py-1 text-xs text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 md:py-0.5 md:text-sm md:text-zinc-500"
                    >
                      <span aria-hidden="true" className={`inline-block transition-transform ${expanded ? "rotate-90" : ""}`}>
                        ▸
                      </span>
                      <span className="md:sr-only">Details</span>
                      <span className="sr-only"> for request {request.requestId}</span>
                    </button>
                  </td>
                  <td className={cn(cell, "col-start-1 row-start-2 text-xs text-zinc-600 md:text-sm")}>
                    <RelativeTime date={request.at} suffix={`${request.durationMs} ms`} />
                  </td>
                  <td className={cn(cardCell.tableOnly, pad, "whitespace-nowrap font-mono text-xs text-zinc-800")}>{request.method}</td>
                  <td className={cn(cell, "col-start-1 row-start-1 break-all font-mono text-xs text-zinc-800 md:max-w-96 md:truncate md:break-normal")} title={request.path}>
                    <span className="md:hidden">{request.method} </span>
                    {request.path}
                  </td>
                  <td className={cn(cell, "col-start-2 row-start-2 text-right md:text-left")}>
                    <Badge tone={statusTone(request.status)} className="font-mono">
                      {request.status}
                    </Badge>
                  </td>
                  <td className={cn(cell, cardCell.wide, cardCell.labelled, "font-mono text-xs text-zinc-700 before:font-sans before:content-['IP:_']")}>
                    {request.ip ?? <span className="text-zinc-500">—</span>}
                  </td>
                </tr>
                {expanded && (
                  <tr id={detailsId} className="block bg-zinc-50/60 md:table-row">
                    <td className="hidden md:table-cell" />
                    <td colSpan={COLUMNS.length} className="block px-4 py-3 md:table-cell md:px-3">
                      <RequestDetails request={request} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
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
