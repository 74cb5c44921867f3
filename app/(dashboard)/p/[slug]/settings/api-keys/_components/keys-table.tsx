import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, type Column } from "@/components/ui/table";
import { RelativeTime } from "@/components/relative-time";
import { ChannelList } from "@/components/channel-list";
import { ROLE_INFO, type KeyRole } from "@/lib/permissions";
import type { KeyRow } from "@/lib/keys/queries";
import { KeyStatusBadge } from "./key-status-badge";
import { columnSort, type KeysSorting } from "./column-sort";
import { GraceCountdown } from "./grace-countdown";
import { inGracePeriod } from "./key-commands";

// A phone's card shows name, role, status, preview, last used and the menu; the rest is for the table.
const columns = (projectSlug: string, sorting?: KeysSorting): Column<KeyRow>[] =>
  (
    [
      {
        header: "Name",
        card: "main",
        className: "md:max-w-56",
        cell: (key) => (
          <>
            <Link href={`/p/${projectSlug}/settings/api-keys/${key.id}`} className="block truncate font-medium text-zinc-900 hover:text-brand-700 hover:underline">
              {key.name}
            </Link>
            {key.description && <div className="truncate text-xs text-zinc-500">{key.description}</div>}
            {key.replacedBy && <div className="truncate text-xs text-amber-700">Replaced by {key.replacedBy.preview}</div>}
          </>
        ),
      },
      {
        header: "Role",
        className: "col-start-1 row-start-2",
        cell: (key) => {
          const role = ROLE_INFO[key.role as KeyRole];
          return <Badge tone={role?.tone ?? "gray"}>{role?.label ?? key.role}</Badge>;
        },
      },
      { header: "Scope", card: "hidden", cell: (key) => (key.scope === "all" ? <span className="whitespace-nowrap text-zinc-600">All recipients</span> : <ChannelList channels={key.channels} />) },
      { header: "Key", card: "wide", className: "row-start-3 whitespace-nowrap font-mono text-xs text-zinc-700", cell: (key) => key.preview },
      { header: "Created", card: "hidden", className: "text-zinc-600", cell: (key) => <RelativeTime date={key.createdAt} /> },
      {
        header: "Last used",
        card: "wide",
        cardLabel: "Last used: ",
        className: "row-start-4 text-xs text-zinc-600 md:text-sm",
        cell: (key) => (key.lastUsedAt ? <RelativeTime date={key.lastUsedAt} suffix={key.lastUsedIp ? `from ${key.lastUsedIp}` : undefined} /> : "Never"),
      },
      { header: "Expires", card: "hidden", className: "text-zinc-600", cell: (key) => (key.status === "revoked" ? "—" : key.expiresAt ? <RelativeTime date={key.expiresAt} /> : "Never") },
      {
        header: "Status",
        className: "col-start-2 row-start-2 justify-self-end",
        cell: (key) => (
          <>
            <KeyStatusBadge status={key.status} />
            {inGracePeriod(key) && (
              <div className="mt-1 text-xs text-amber-700">
                <GraceCountdown expiresAt={key.expiresAt} />
              </div>
            )}
          </>
        ),
      },
    ] satisfies Column<KeyRow>[]
  ).map((column): Column<KeyRow> => ({ ...column, headerClassName: "whitespace-nowrap", sort: columnSort(column.header, sorting) }));

/** The keys table of SPEC §6 (cards on a phone). `actions` renders a row's menu; viewers get none. */
export function KeysTable({ keys, projectSlug, actions, sorting }: { keys: KeyRow[]; projectSlug: string; actions?: (key: KeyRow) => React.ReactNode; sorting?: KeysSorting }) {
  return (
    <Table
      label="API keys"
      rows={keys}
      rowKey={(key) => key.id}
      rowClassName={(key) => (key.status === "active" ? undefined : "bg-zinc-50/60 text-zinc-500")}
      columns={columns(projectSlug, sorting)}
      actions={actions}
    />
  );
}
