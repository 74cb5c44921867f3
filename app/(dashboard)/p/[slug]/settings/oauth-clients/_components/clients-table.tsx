import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/copy-button";
import { RelativeTime } from "@/components/relative-time";

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
const COLUMNS = [["Name", ""], ["Client ID", ""], ["Scopes", ""], ["Registered by", ""], ["Created", ""], ["Last token issued", "min-w-32"]];
const cell = "px-3 py-3 align-top";
const SHOWN_SCOPES = 4;

/** The OAuth clients table. `actions` renders a row's menu; viewers get none. */
export function ClientsTable({ clients, actions }: { clients: ClientListItem[]; actions?: (client: ClientListItem) => React.ReactNode }) {
  return (
    // Scrolls inside itself on a phone, so the page never scrolls sideways; focusable for keyboards.
    // "relative" keeps the sr-only texts (absolutely placed) inside the scroll box, not past the page's edge.
    <div role="region" aria-label="OAuth clients" tabIndex={0} className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
      <table className="min-w-full divide-y divide-zinc-200 text-sm">
        <thead className="bg-zinc-50">
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
        <tbody className="divide-y divide-zinc-100">
          {clients.map((client) => (
            <tr key={client.id}>
              <td className={`max-w-56 ${cell}`}>
                <span className="block truncate font-medium text-zinc-900">{client.name}</span>
              </td>
              <td className={cell}>
                <span className="flex items-center gap-2">
                  <code className="whitespace-nowrap font-mono text-xs text-zinc-700">{client.clientId}</code>
                  <CopyButton value={client.clientId} size="sm" what={`client ID of ${client.name}`} />
                </span>
              </td>
              <td className={`min-w-40 ${cell}`}>
                <ScopeChips scope={client.scope} />
              </td>
              <td className={`max-w-44 ${cell}`}>
                <span className="block truncate text-zinc-800" title={client.registeredByLabel}>
                  {client.registeredByLabel}
                </span>
                <span className="block text-xs text-zinc-500">{client.registeredByType === "key" ? "API key" : "Member"}</span>
              </td>
              <td className={`text-zinc-600 ${cell}`}>
                <RelativeTime date={client.createdAt} />
              </td>
              <td className={`text-zinc-600 ${cell}`}>{client.lastTokenAt ? <RelativeTime date={client.lastTokenAt} /> : "Never"}</td>
              {actions && <td className={`text-right ${cell}`}>{actions(client)}</td>}
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
