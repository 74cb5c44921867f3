import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/copy-button";
import { RelativeTime } from "@/components/relative-time";
import { cardCell, cardTable } from "@/components/ui/card-table";
import { cn } from "@/components/ui/cn";

/** What the table shows of a client (never a secret: only hashes are kept). */
export type ClientListItem = {
  id: string;
  clientId: string;
  name: string;
  scope: string;
  registeredByType: string;
  registeredByLabel: string;
  createdAt: Date;
  lastTokenAt: Date | null;
};

/** Header widths keep "Last token issued" to two lines rather than three. */
// Created shows from 2xl up only, so the row menu stays in view at a 1400 px desktop.
const COLUMNS = [["Name", ""], ["Client ID", ""], ["Scopes", ""], ["Registered by", ""], ["Created", "hidden 2xl:table-cell"], ["Last token issued", "min-w-32"]];
const pad = "md:px-3 md:py-3 md:align-top";
const cell = cn(cardCell.base, pad);
// In the table only: a phone's card shows name, client id, scopes, last token and the menu.
const tableCell = cn(cardCell.tableOnly, pad);
const SHOWN_SCOPES = 4;

/** The OAuth clients table (cards on a phone). `actions` renders a row's menu; viewers get none. */
export function ClientsTable({ clients, actions }: { clients: ClientListItem[]; actions?: (client: ClientListItem) => React.ReactNode }) {
  return (
    // "relative" keeps the sr-only texts (absolutely placed) inside the table's box, not past the page's edge.
    <div className={cn(cardTable.frame, "relative")}>
      <table className={cardTable.table}>
        <thead className={cardTable.head}>
          <tr>
            {COLUMNS.map(([c, width]) => (
              <th key={c} scope="col" className={`px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500 ${width}`}>
                {c}
              </th>
            ))}
            {actions && (
              <th scope="col" className="px-3 py-2.5">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className={cardTable.body}>
          {clients.map((client) => (
            <tr key={client.id} className={cardTable.row}>
              <td className={cn(cell, "row-start-1 md:max-w-48")}>
                <span className="block truncate font-medium text-zinc-900">{client.name}</span>
              </td>
              <td className={cn(cell, cardCell.wide, "row-start-2")}>
                <span className="flex items-center gap-2">
                  <code className="min-w-0 truncate font-mono text-xs text-zinc-700 md:whitespace-nowrap">{client.clientId}</code>
                  <CopyButton value={client.clientId} size="sm" what={`client ID of ${client.name}`} />
                </span>
              </td>
              <td className={cn(cell, cardCell.wide, "row-start-3 md:min-w-40")}>
                <ScopeChips scope={client.scope} />
              </td>
              <td className={cn(tableCell, "max-w-44")}>
                <span className="block truncate text-zinc-800" title={client.registeredByLabel}>
                  {client.registeredByLabel}
                </span>
                <span className="block text-xs text-zinc-500">{client.registeredByType === "key" ? "API key" : "Member"}</span>
              </td>
              <td className={cn("hidden min-w-0 text-zinc-600 2xl:table-cell", pad)}>
                <RelativeTime date={client.createdAt} />
              </td>
              <td className={cn(cell, cardCell.wide, cardCell.labelled, "row-start-4 text-xs text-zinc-600 before:content-['Last_token:_'] md:text-sm")}>
                {client.lastTokenAt ? <RelativeTime date={client.lastTokenAt} /> : "Never"}
              </td>
              {actions && <td className={cn(cell, cardCell.menu, "md:text-right")}>{actions(client)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The first few scopes as chips, then "+N more" (the whole scope on hover and for screen readers). */
function ScopeChips({ scope }: { scope: string }) {
  const scopes = scope.split(" ");
  const rest = scopes.slice(SHOWN_SCOPES);
  return (
    <span className="flex flex-wrap gap-1">
      {scopes.slice(0, SHOWN_SCOPES).map((s) => (
        <Badge key={s} className="font-mono">
          {s}
        </Badge>
      ))}
      {rest.length > 0 && (
        <span title={scope}>
          <Badge tone="brand">
            +{rest.length} more<span className="sr-only">: {rest.join(", ")}</span>
          </Badge>
        </span>
      )}
    </span>
  );
}
