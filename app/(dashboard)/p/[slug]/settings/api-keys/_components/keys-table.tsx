import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/relative-time";
import { ROLE_INFO, type KeyRole } from "@/lib/permissions";
import type { KeyRow } from "@/lib/keys/queries";
import { KeyStatusBadge } from "./key-status-badge";
import { GraceCountdown } from "./grace-countdown";
import { inGracePeriod } from "./key-commands";

const COLUMNS = ["Name", "Role", "Scope", "Key", "Created", "Last used", "Expires", "Status"];
const cell = "px-3 py-3";

/** The keys table of SPEC §6. `actions` renders a row's menu; viewers get none. */
export function KeysTable({ keys, projectSlug, actions }: { keys: KeyRow[]; projectSlug: string; actions?: (key: KeyRow) => React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-zinc-200 text-sm">
        <thead className="bg-zinc-50">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500">
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
          {keys.map((key) => {
            const role = ROLE_INFO[key.role as KeyRole];
            return (
              <tr key={key.id} className={key.status === "active" ? "" : "bg-zinc-50/60 text-zinc-500"}>
                <td className={`max-w-56 ${cell}`}>
                  <Link href={`/p/${projectSlug}/settings/api-keys/${key.id}`} className="block truncate font-medium text-zinc-900 hover:text-brand-700 hover:underline">
                    {key.name}
                  </Link>
                  {key.description && <div className="truncate text-xs text-zinc-500">{key.description}</div>}
                  {key.replacedBy && <div className="truncate text-xs text-amber-700">Replaced by {key.replacedBy.preview}</div>}
                </td>
                <td className={cell}>
                  <Badge tone={role?.tone ?? "gray"}>{role?.label ?? key.role}</Badge>
                </td>
                <td className={cell}>
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
                <td className={`whitespace-nowrap font-mono text-xs text-zinc-700 ${cell}`}>{key.preview}</td>
                <td className={`text-zinc-600 ${cell}`}>
                  <RelativeTime date={key.createdAt} />
                </td>
                <td className={`text-zinc-600 ${cell}`}>
                  {key.lastUsedAt ? <RelativeTime date={key.lastUsedAt} suffix={key.lastUsedIp ? `from ${key.lastUsedIp}` : undefined} /> : "Never"}
                </td>
                <td className={`text-zinc-600 ${cell}`}>{key.expiresAt ? <RelativeTime date={key.expiresAt} /> : "Never"}</td>
                <td className={cell}>
                  <KeyStatusBadge status={key.status} />
                  {inGracePeriod(key) && (
                    <div className="mt-1 text-xs text-amber-700">
                      <GraceCountdown expiresAt={key.expiresAt} />
                    </div>
                  )}
                </td>
                {actions && <td className={`text-right ${cell}`}>{actions(key)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
