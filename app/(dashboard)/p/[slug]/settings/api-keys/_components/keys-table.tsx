import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { cardCell, cardTable } from "@/components/ui/card-table";
import { cn } from "@/components/ui/cn";
import { RelativeTime } from "@/components/relative-time";
import { ROLE_INFO, type KeyRole } from "@/lib/permissions";
import type { KeyRow } from "@/lib/keys/queries";
import { KeyStatusBadge } from "./key-status-badge";
import { ColumnHeader, type KeysSorting } from "./column-header";
import { GraceCountdown } from "./grace-countdown";
import { inGracePeriod } from "./key-commands";

const COLUMNS = ["Name", "Role", "Scope", "Key", "Created", "Last used", "Expires", "Status"];
const pad = "md:px-3 md:py-3";
const cell = cn(cardCell.base, pad);
// In the table only: a phone's card shows name, role, status, preview, last used and the menu.
const tableCell = cn(cardCell.tableOnly, pad);

/** The keys table of SPEC §6 (cards on a phone). `actions` renders a row's menu; viewers get none. */
export function KeysTable({ keys, projectSlug, actions, sorting }: { keys: KeyRow[]; projectSlug: string; actions?: (key: KeyRow) => React.ReactNode; sorting?: KeysSorting }) {
  return (
    <div className={cardTable.frame}>
      <table className={cardTable.table}>
        <thead className={cardTable.head}>
          <tr>
            {COLUMNS.map((c) => (
              <ColumnHeader key={c} column={c} sorting={sorting} />
            ))}
            {actions && (
              <th scope="col" className="px-3 py-2.5">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className={cardTable.body}>
          {keys.map((key) => {
            const role = ROLE_INFO[key.role as KeyRole];
            return (
              <tr key={key.id} className={cn(cardTable.row, key.status === "active" ? "" : "bg-zinc-50/60 text-zinc-500")}>
                <td className={cn(cell, "row-start-1 md:max-w-56", !actions && cardCell.wide)}>
                  <Link href={`/p/${projectSlug}/settings/api-keys/${key.id}`} className="block truncate font-medium text-zinc-900 hover:text-brand-700 hover:underline">
                    {key.name}
                  </Link>
                  {key.description && <div className="truncate text-xs text-zinc-500">{key.description}</div>}
                  {key.replacedBy && <div className="truncate text-xs text-amber-700">Replaced by {key.replacedBy.preview}</div>}
                </td>
                <td className={cn(cell, "col-start-1 row-start-2")}>
                  <Badge tone={role?.tone ?? "gray"}>{role?.label ?? key.role}</Badge>
                </td>
                <td className={tableCell}>
                  {key.scope === "all" ? (
                    <span className="whitespace-nowrap text-zinc-600">All recipients</span>
                  ) : (
                    <span className="flex flex-wrap gap-1">
                      {key.channels.map((c) => (
                        <Badge key={c.id}>{c.slug}</Badge>
                      ))}
                    </span>
                  )}
                </td>
                <td className={cn(cell, cardCell.wide, "row-start-3 whitespace-nowrap font-mono text-xs text-zinc-700")}>{key.preview}</td>
                <td className={cn(tableCell, "text-zinc-600")}>
                  <RelativeTime date={key.createdAt} />
                </td>
                <td className={cn(cell, cardCell.wide, cardCell.labelled, "row-start-4 text-xs text-zinc-600 before:content-['Last_used:_'] md:text-sm")}>
                  {key.lastUsedAt ? <RelativeTime date={key.lastUsedAt} suffix={key.lastUsedIp ? `from ${key.lastUsedIp}` : undefined} /> : "Never"}
                </td>
                <td className={cn(tableCell, "text-zinc-600")}>{key.expiresAt ? <RelativeTime date={key.expiresAt} /> : "Never"}</td>
                <td className={cn(cell, "col-start-2 row-start-2 justify-self-end")}>
                  <KeyStatusBadge status={key.status} />
                  {inGracePeriod(key) && (
                    <div className="mt-1 text-xs text-amber-700">
                      <GraceCountdown expiresAt={key.expiresAt} />
                    </div>
                  )}
                </td>
                {actions && <td className={cn(cell, cardCell.menu, "md:text-right")}>{actions(key)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
