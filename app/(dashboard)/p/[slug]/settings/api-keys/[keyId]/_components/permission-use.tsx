import type { Action, Resource } from "@/lib/permissions";
import type { UsedPermission } from "@/lib/keys/used-permissions";

const label = (resource: Resource) => resource.replace("_", " ");

/** Permissions grouped by resource, actions in the role table's order: "campaigns: read, create". */
function grouped(permissions: { resource: Resource; action: Action }[]) {
  const byResource = new Map<Resource, Action[]>();
  for (const { resource, action } of permissions) byResource.set(resource, [...(byResource.get(resource) ?? []), action]);
  return [...byResource.entries()];
}

/** The key page's "Used in the last 30 days" and "Never used" lists (SPEC §15). */
export function PermissionUse({ used, neverUsed }: { used: UsedPermission[]; neverUsed: { resource: Resource; action: Action }[] }) {
  return (
    <div className="grid gap-6 text-sm md:grid-cols-2">
      <div>
        <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Used in the last 30 days</h3>
        {used.length === 0 ? (
          <p className="mt-2 text-zinc-600">No permission used in the last 30 days.</p>
        ) : (
          <ul className="mt-2 space-y-1" aria-label="Used in the last 30 days">
            {used.map((p) => (
              <li key={`${p.resource}:${p.action}`} className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span className="font-mono text-xs text-zinc-900">
                  {p.resource}:{p.action}
                </span>
                <span className="text-xs text-zinc-500">
                  {p.count.toLocaleString("en")} {p.count === 1 ? "request" : "requests"}, last on {p.lastDay}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Never used</h3>
        {neverUsed.length === 0 ? (
          <p className="mt-2 text-zinc-600">Every permission this key holds has been used.</p>
        ) : (
          <ul className="mt-2 space-y-1" aria-label="Never used">
            {grouped(neverUsed).map(([resource, actions]) => (
              <li key={resource} className="text-zinc-700">
                <span className="font-medium">{label(resource)}</span>: {actions.join(", ")}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
