"use client";
import { useState } from "react";
import { FieldError } from "@/components/ui/field";
import { SCOPES } from "@/lib/oauth/scopes";

const resourceLabel = (resource: string) => resource.charAt(0).toUpperCase() + resource.slice(1).replace("_", " ");

/** SCOPES grouped by resource, in their order: [["campaigns", ["campaigns:read", "campaigns:write"]], …]. */
const SCOPES_BY_RESOURCE = Object.entries(
  SCOPES.reduce<Record<string, string[]>>((groups, scope) => {
    (groups[scope.split(":")[0]] ??= []).push(scope);
    return groups;
  }, {}),
);

/** The "Scopes" picker of the register dialog: read and write per resource, from SCOPES. */
export function ScopePicker({ idPrefix, errors }: { idPrefix: string; errors?: string[] }) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const errorId = `${idPrefix}-scopes-error`;
  const toggle = (scope: string, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  const summary = SCOPES.filter((scope) => chosen.has(scope)).join(" ");

  return (
    <fieldset aria-describedby={`${idPrefix}-scopes-hint ${errorId}`} aria-invalid={Boolean(errors)}>
      <legend className="text-sm font-medium text-zinc-800">Scopes</legend>
      <p id={`${idPrefix}-scopes-hint`} className="mt-0.5 text-xs text-zinc-500">
        What the client&apos;s tokens may do. Write covers create, update and delete. A token can ask for less, never more.
      </p>
      <div className="mt-2 grid gap-x-6 rounded-md border border-zinc-200 px-3 py-1.5 sm:grid-cols-2">
        {SCOPES_BY_RESOURCE.map(([resource, scopes]) => (
          <div key={resource} role="group" aria-label={resourceLabel(resource)} className="flex items-center justify-between gap-3 py-1.5 text-sm">
            <span className="text-zinc-800">{resourceLabel(resource)}</span>
            <span className="flex gap-4">
              {scopes.map((scope) => (
                <label key={scope} className="flex cursor-pointer items-center gap-1.5 text-zinc-700">
                  <input
                    type="checkbox"
                    name="scopes[]"
                    value={scope}
                    checked={chosen.has(scope)}
                    onChange={(e) => toggle(scope, e.currentTarget.checked)}
                    className="h-4 w-4 rounded border-zinc-300 text-brand-600 focus:ring-brand-500"
                  />
                  {scope.endsWith(":read") ? "Read" : "Write"}
                </label>
              ))}
            </span>
          </div>
        ))}
      </div>
      <p className="mt-2 break-words font-mono text-xs text-zinc-600">{summary ? <>scope: {summary}</> : <span className="font-sans text-zinc-500">No scope chosen yet.</span>}</p>
      <FieldError id={errorId} errors={errors} />
    </fieldset>
  );
}
