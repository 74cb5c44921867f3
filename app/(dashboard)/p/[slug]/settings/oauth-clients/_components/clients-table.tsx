import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/copy-button";
import { RelativeTime } from "@/components/relative-time";
import { Table, type Column } from "@/components/ui/table";

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

const SHOWN_SCOPES = 4;

// A phone's card shows name, client id, scopes, last token and the menu; the rest is for the table.
// Created shows from 2xl up only, so the row menu stays in view at a 1400 px desktop.
const COLUMNS: Column<ClientListItem>[] = [
  { header: "Name", card: "main", className: "md:max-w-48", cell: (client) => <span className="block truncate font-medium text-zinc-900">{client.name}</span> },
  {
    header: "Client ID",
    card: "wide",
    className: "row-start-2",
    cell: (client) => (
      <span className="flex items-center gap-2">
        <code className="min-w-0 truncate font-mono text-xs text-zinc-700 md:whitespace-nowrap">{client.clientId}</code>
        <CopyButton value={client.clientId} size="sm" what={`client ID of ${client.name}`} />
      </span>
    ),
  },
  { header: "Scopes", card: "wide", className: "row-start-3 md:min-w-40", cell: (client) => <ScopeChips scope={client.scope} /> },
  {
    header: "Registered by",
    card: "hidden",
    className: "max-w-44",
    cell: (client) => (
      <>
        <span className="block truncate text-zinc-800" title={client.registeredByLabel}>
          {client.registeredByLabel}
        </span>
        <span className="block text-xs text-zinc-500">{client.registeredByType === "key" ? "API key" : "Member"}</span>
      </>
    ),
  },
  { header: "Created", card: "hidden", from2xl: true, className: "text-zinc-600", cell: (client) => <RelativeTime date={client.createdAt} /> },
  {
    header: "Last token issued",
    card: "wide",
    cardLabel: "Last token: ",
    className: "row-start-4 text-xs text-zinc-600 md:text-sm",
    // Keeps the header to two lines rather than three.
    headerClassName: "min-w-32",
    cell: (client) => (client.lastTokenAt ? <RelativeTime date={client.lastTokenAt} /> : "Never"),
  },
];

/** The OAuth clients table (cards on a phone). `actions` renders a row's menu; viewers get none. */
export function ClientsTable({ clients, actions }: { clients: ClientListItem[]; actions?: (client: ClientListItem) => React.ReactNode }) {
  return <Table label="OAuth clients" rows={clients} rowKey={(client) => client.id} columns={COLUMNS} actions={actions} />;
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
