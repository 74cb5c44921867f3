"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { fromLocalInput, hasFilters, NO_FILTERS, toLocalInput, type AuditFilterValues } from "./filter-values";

type Props = { actions: string[]; value: AuditFilterValues; onChange: (next: AuditFilterValues) => void };

const label = "block text-xs font-medium text-zinc-700";

/** Actor, action and time range. Applied on submit, so typing does not fetch on every key. */
export function AuditLogFilters({ actions, value, onChange }: Props) {
  // The time inputs show local time, which only the browser knows: fill them once mounted, so
  // the server's rendering (in its own time zone) never disagrees with the browser's.
  const [local, setLocal] = useState(false);
  useEffect(() => setLocal(true), []);
  const [version, setVersion] = useState(0);

  const prefixes = [...new Set(actions.map((a) => a.split(".")[0]))];
  const known = value.action === "" || actions.includes(value.action) || prefixes.some((p) => value.action === `${p}.`);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    onChange({ actor: text("actor"), action: text("action"), from: fromLocalInput(text("from"), "from"), to: fromLocalInput(text("to"), "to") });
  }

  return (
    <form key={`${version}-${local}`} onSubmit={submit} aria-label="Filter the audit log" className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4">
      <div className="space-y-1">
        <label htmlFor="audit-actor" className={label}>
          Actor
        </label>
        <input id="audit-actor" name="actor" type="search" defaultValue={value.actor} maxLength={200} placeholder="Email, key name or id" className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-action" className={label}>
          Action
        </label>
        <select id="audit-action" name="action" defaultValue={value.action} className={inputClass}>
          <option value="">All actions</option>
          {!known && <option value={value.action}>{value.action}</option>}
          {prefixes.map((prefix) => (
            <optgroup key={prefix} label={prefix}>
              <option value={`${prefix}.`}>{`${prefix}.* (all)`}</option>
              {actions
                .filter((a) => a.startsWith(`${prefix}.`))
                .map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-from" className={label}>
          From
        </label>
        <input id="audit-from" name="from" type="datetime-local" defaultValue={local ? toLocalInput(value.from) : ""} className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-to" className={label}>
          To
        </label>
        <input id="audit-to" name="to" type="datetime-local" defaultValue={local ? toLocalInput(value.to) : ""} className={inputClass} />
      </div>
      <div className="flex justify-end gap-2 sm:col-span-2 lg:col-span-4">
        {hasFilters(value) && (
          <Button
            variant="secondary"
            onClick={() => {
              setVersion((v) => v + 1);
              onChange(NO_FILTERS);
            }}
          >
            Clear filters
          </Button>
        )}
        <Button type="submit">Apply filters</Button>
      </div>
    </form>
  );
}
