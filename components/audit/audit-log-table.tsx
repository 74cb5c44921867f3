import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/relative-time";
import type { AuditEntryDto } from "@/lib/audit/queries";
import { AuditDetails } from "./audit-details";

const COLUMNS = ["Time", "Actor", "Action", "Target", "IP", "Details"];
const cell = "px-3 py-3 align-top";

const ACTION_TONE = (action: string) => (action === "api.denied" ? "red" : action.endsWith(".revoked") || action.endsWith(".deleted") ? "amber" : "gray");

/**
 * The audit log's table (SPEC §8): read-only for every member. Too wide for a phone, it scrolls
 * sideways inside its own region, which the keyboard can reach (`label` names that region).
 */
export function AuditLogTable({ entries, busy, label }: { entries: AuditEntryDto[]; busy: boolean; label: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
      <table aria-busy={busy} className={`min-w-full divide-y divide-zinc-200 text-sm transition-opacity ${busy ? "opacity-60" : ""}`}>
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
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className={`text-zinc-600 ${cell}`}>
                <RelativeTime date={entry.createdAt} />
              </td>
              <td className={`max-w-72 ${cell}`}>
                <div className="truncate font-medium text-zinc-900" title={entry.actor.label}>
                  {entry.actor.label}
                </div>
                <div className="text-xs text-zinc-500">{entry.actor.type === "key" ? "API key" : entry.actor.type}</div>
              </td>
              <td className={cell}>
                <Badge tone={ACTION_TONE(entry.action)} className="font-mono">
                  {entry.action}
                </Badge>
              </td>
              <td className={`max-w-64 ${cell}`}>
                {entry.target ? (
                  <>
                    <div className="truncate text-zinc-900" title={entry.target.label ?? entry.target.id ?? ""}>
                      {entry.target.label ?? entry.target.id}
                    </div>
                    <div className="text-xs text-zinc-500">{entry.target.type.replace("_", " ")}</div>
                  </>
                ) : (
                  <span className="text-zinc-500">—</span>
                )}
              </td>
              <td className={`whitespace-nowrap font-mono text-xs text-zinc-700 ${cell}`} title={entry.userAgent ?? undefined}>
                {entry.ip ?? <span className="text-zinc-500">—</span>}
              </td>
              {/* Long unbroken values (a client id, a hash) wrap instead of widening the table. */}
              <td className={`min-w-48 max-w-md [overflow-wrap:anywhere] ${cell}`}>
                <AuditDetails changes={entry.changes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
