import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, type Column } from "@/components/ui/table";
import { RelativeTime } from "@/components/relative-time";
import { ChannelList } from "@/components/channel-list";
import { ROLE_INFO, type KeyRole } from "@/lib/permissions";
import type { KeyRow } from "@/lib/keys/queries";
import { badgesOf, KEY_FLAG_INFO, type KeyFlag } from "@/lib/keys/hygiene";
import { KeyStatusBadge } from "./key-status-badge";
import { columnSort, type KeysSorting } from "./column-sort";
import { GraceCountdown } from "./grace-countdown";
import { inGracePeriod } from "./key-commands";

/** Rows a person may tick for a bulk action; a revoked key cannot be ticked. */
export type KeySelection = { selected: ReadonlySet<string>; toggle: (id: string) => void };

type Options = { projectSlug: string; sorting?: KeysSorting; flags?: Record<string, KeyFlag[]>; selection?: KeySelection };

// A phone's card shows name, role, status, preview, last used and the menu; the rest is for the table.
const columns = ({ projectSlug, sorting, flags, selection }: Options): Column<KeyRow>[] =>
  (
    [
      {
        header: "Name",
        card: "main",
        className: "md:max-w-56",
        cell: (key) => (
          <div className="flex items-start gap-2">
            {selection && (
              <input
                type="checkbox"
                aria-label={`Select ${key.name}`}
                disabled={key.status === "revoked"}
                checked={selection.selected.has(key.id)}
                onChange={() => selection.toggle(key.id)}
                className="mt-1 size-4 shrink-0 rounded border-zinc-300 text-brand-600 focus:ring-brand-500 disabled:opacity-40"
              />
            )}
            <div className="min-w-0">
              <Link href={`/p/${projectSlug}/settings/api-keys/${key.id}`} className="block truncate font-medium text-zinc-900 hover:text-brand-700 hover:underline">
                {key.name}
              </Link>
              {key.description && <div className="truncate text-xs text-zinc-500">{key.description}</div>}
              {key.replacedBy && <div className="truncate text-xs text-amber-700">Replaced by {key.replacedBy.preview}</div>}
            </div>
          </div>
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
            {badgesOf(flags?.[key.id] ?? []).map((flag) => (
              <Badge key={flag} tone="amber" className="ml-1 mt-1 md:ml-0 md:flex md:w-fit">
                {KEY_FLAG_INFO[flag].badge}
              </Badge>
            ))}
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

/**
 * The keys table of SPEC §6 (cards on a phone), with each key's stale and risky flags as badges.
 * `actions` renders a row's menu and `selection` a tick box per row; viewers get neither.
 */
export function KeysTable({ keys, actions, ...options }: Options & { keys: KeyRow[]; actions?: (key: KeyRow) => React.ReactNode }) {
  return (
    <Table
      label="API keys"
      rows={keys}
      rowKey={(key) => key.id}
      rowClassName={(key) => (key.status === "active" ? undefined : "bg-zinc-50/60 text-zinc-500")}
      columns={columns(options)}
      actions={actions}
    />
  );
}
