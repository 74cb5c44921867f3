"use client";
import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/copy-button";
import { RelativeTime } from "@/components/relative-time";
import type { RecentRequest } from "@/lib/keys/usage-queries";

const COLUMNS = ["Time", "Method", "Path", "Status", "IP"];
const cell = "whitespace-nowrap px-3 py-2.5 align-top";
const statusTone = (status: number) => (status >= 500 ? "red" : status >= 400 ? "amber" : "green");

/**
 * A page of a key's requests, newest first; each row opens to its details (request id, exact time,
 * duration). Too wide for a phone, it scrolls sideways inside its own region, which the keyboard can reach.
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
    <div role="region" aria-label="Request table" tabIndex={0} className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
      <table className="min-w-full divide-y divide-zinc-200 text-sm">
        <thead className="bg-zinc-50">
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
        <tbody className="divide-y divide-zinc-100">
          {requests.map((request) => {
            const expanded = open.has(request.id);
            const detailsId = `request-details-${request.id}`;
            return (
              <Fragment key={request.id}>
                <tr>
                  <td className="px-2 py-2 align-top">
                    <button
                      type="button"
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailsId : undefined}
                      onClick={() => toggle(request.id)}
                      className="rounded px-1.5 py-0.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
                    >
                      <span aria-hidden="true" className={`inline-block transition-transform ${expanded ? "rotate-90" : ""}`}>
                        ▸
                      </span>
                      <span className="sr-only">Details</span>
                    </button>
                  </td>
                  <td className={`text-zinc-600 ${cell}`}>
                    <RelativeTime date={request.at} suffix={`${request.durationMs} ms`} />
                  </td>
                  <td className={`font-mono text-xs text-zinc-800 ${cell}`}>{request.method}</td>
                  <td className={`max-w-96 truncate font-mono text-xs text-zinc-800 ${cell}`} title={request.path}>
                    {request.path}
                  </td>
                  <td className={cell}>
                    <Badge tone={statusTone(request.status)} className="font-mono">
                      {request.status}
                    </Badge>
                  </td>
                  <td className={`font-mono text-xs text-zinc-700 ${cell}`}>{request.ip ?? <span className="text-zinc-500">—</span>}</td>
                </tr>
                {expanded && (
                  <tr id={detailsId} className="bg-zinc-50/60">
                    <td />
                    <td colSpan={COLUMNS.length} className="px-3 py-3">
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

function RequestDetails({ request }: { request: RecentRequest }) {
  const at = new Date(request.at);
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      <div>
        <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">Request ID</dt>
        <dd className="mt-1 flex flex-wrap items-center gap-2">
          <code className="break-all font-mono text-xs text-zinc-800">{request.requestId}</code>
          <CopyButton value={request.requestId} label="Copy request id" size="sm" />
        </dd>
      </div>
      <div>
        <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">Received</dt>
        <dd className="mt-1 font-mono text-xs text-zinc-800">
          {at.toISOString().replace("T", " ").slice(0, 23)} UTC · {request.durationMs} ms
        </dd>
      </div>
      <div className="sm:col-span-2">
        <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">Path</dt>
        <dd className="mt-1 break-all font-mono text-xs text-zinc-800">
          {request.method} {request.path}
        </dd>
      </div>
    </dl>
  );
}
