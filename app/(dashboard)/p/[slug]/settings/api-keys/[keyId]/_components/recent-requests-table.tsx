import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/relative-time";
import type { RecentRequest } from "@/lib/keys/usage-queries";

const COLUMNS = ["Time", "Method", "Path", "Status", "IP", "Request ID"];
const cell = "whitespace-nowrap px-3 py-2.5 align-top";
const statusTone = (status: number) => (status >= 500 ? "red" : status >= 400 ? "amber" : "green");

/** A key's latest requests, newest first: what it called and how it was answered. */
export function RecentRequestsTable({ requests }: { requests: RecentRequest[] }) {
  return (
    <div role="region" aria-label="Recent requests" tabIndex={0} className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
      <table className="min-w-full divide-y divide-zinc-200 text-sm">
        <thead className="bg-zinc-50">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {requests.map((request) => (
            <tr key={request.id}>
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
              <td className={`font-mono text-xs text-zinc-500 ${cell}`}>{request.requestId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
