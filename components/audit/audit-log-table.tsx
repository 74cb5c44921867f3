import { Badge } from "@/components/ui/badge";
import { Table, type Column } from "@/components/ui/table";
import { RelativeTime } from "@/components/relative-time";
import type { AuditEntryDto } from "@/lib/audit/queries";
import { AuditDetails } from "./audit-details";

const ACTION_TONE = (action: string) => (action === "api.denied" ? "red" : action.endsWith(".revoked") || action.endsWith(".deleted") ? "amber" : "gray");

const COLUMNS: Column<AuditEntryDto>[] = [
  { header: "Time", className: "text-zinc-600", cell: (entry) => <RelativeTime date={entry.createdAt} /> },
  {
    header: "Actor",
    className: "max-w-72",
    cell: (entry) => (
      <>
        <div className="truncate font-medium text-zinc-900" title={entry.actor.label}>
          {entry.actor.label}
        </div>
        <div className="text-xs text-zinc-500">{entry.actor.type === "key" ? "API key" : entry.actor.type}</div>
      </>
    ),
  },
  {
    header: "Action",
    cell: (entry) => (
      <Badge tone={ACTION_TONE(entry.action)} className="font-mono">
        {entry.action}
      </Badge>
    ),
  },
  {
    header: "Target",
    className: "max-w-64",
    cell: (entry) =>
      entry.target ? (
        <>
          <div className="truncate text-zinc-900" title={entry.target.label ?? entry.target.id ?? ""}>
            {entry.target.label ?? entry.target.id}
          </div>
          <div className="text-xs text-zinc-500">{entry.target.type.replace("_", " ")}</div>
        </>
      ) : (
        <span className="text-zinc-500">—</span>
      ),
  },
  {
    header: "IP",
    className: "whitespace-nowrap font-mono text-xs text-zinc-700",
    cell: (entry) => <span title={entry.userAgent ?? undefined}>{entry.ip ?? <span className="text-zinc-500">—</span>}</span>,
  },
  // Long unbroken values (a client id, a hash) wrap instead of widening the table.
  { header: "Details", className: "min-w-48 max-w-md [overflow-wrap:anywhere]", cell: (entry) => <AuditDetails changes={entry.changes} /> },
];

/**
 * The audit log's table (SPEC §8): read-only for every member. Too wide for a phone, it scrolls
 * sideways inside its own region, which the keyboard can reach (`label` names that region).
 */
export function AuditLogTable({ entries, busy, label }: { entries: AuditEntryDto[]; busy: boolean; label: string }) {
  return <Table label={label} layout="scroll" rows={entries} rowKey={(entry) => entry.id} columns={COLUMNS} busy={busy} />;
}
