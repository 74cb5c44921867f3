"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { inputClass } from "@/components/ui/field";
import { KEY_ROLES, ROLE_INFO } from "@/lib/permissions";
import { KEY_FLAG_INFO, KEY_FLAGS } from "@/lib/keys/hygiene";
import { DEFAULT_KEY_LIST, KEY_STATUS_FILTERS, keyListHref, parseKeyListParams, SORT_CHOICES, STATUS_FILTER_LABELS, type KeyListParams } from "@/lib/keys/list-params";

const label = "block text-xs font-medium text-zinc-700";

/**
 * A plain GET form: the search and filters run on the server and the URL can be shared. A filter
 * applies as soon as it is chosen; without JavaScript, "Search" applies everything. The sort stays.
 */
export function KeysSearch({ params }: { params: KeyListParams }) {
  const router = useRouter();
  const pathname = usePathname();
  // With JavaScript, the same GET without the empty and default values in the address.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries([...new FormData(event.currentTarget)].map(([name, value]) => [name, String(value)]));
    router.push(`${pathname}${keyListHref(parseKeyListParams(values).params)}`);
  }
  const narrowed = keyListHref({ ...params, sort: DEFAULT_KEY_LIST.sort, dir: DEFAULT_KEY_LIST.dir, page: 1 }) !== "?";
  const applyNow = (event: React.ChangeEvent<HTMLSelectElement>) => event.currentTarget.form?.requestSubmit();
  return (
    // Keyed by the address, so the fields show the list's values again after a navigation (they are uncontrolled).
    <form key={keyListHref(params)} role="search" aria-label="Search and filter keys" method="get" onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <div className="min-w-48 flex-1 space-y-1 sm:max-w-sm">
        <label htmlFor="key-search" className={label}>
          Search by name or last 4
        </label>
        <input id="key-search" name="q" type="search" defaultValue={params.query} placeholder="Billing worker, X7aQ…" maxLength={100} className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="key-status" className={label}>
          Status
        </label>
        <select id="key-status" name="status" defaultValue={params.status} onChange={applyNow} className={inputClass}>
          {KEY_STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {STATUS_FILTER_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="key-role" className={label}>
          Role
        </label>
        <select id="key-role" name="role" defaultValue={params.role ?? ""} onChange={applyNow} className={inputClass}>
          <option value="">All roles</option>
          {KEY_ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_INFO[role].label}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="key-flag" className={label}>
          Risk
        </label>
        <select id="key-flag" name="flag" defaultValue={params.flag ?? ""} onChange={applyNow} className={inputClass}>
          <option value="">Any</option>
          {KEY_FLAGS.map((flag) => (
            <option key={flag} value={flag}>
              {KEY_FLAG_INFO[flag].filter}
            </option>
          ))}
        </select>
      </div>
      {/* On a phone the table is cards without its sortable headers; this select sorts instead. Hidden
          from md up, it still sends the current sort with the form. */}
      <div className="space-y-1 md:hidden">
        <label htmlFor="key-order" className={label}>
          Sort by
        </label>
        <select id="key-order" name="order" defaultValue={`${params.sort}:${params.dir}`} onChange={applyNow} className={inputClass}>
          {SORT_CHOICES.map(({ sort, dir, label: choice }) => (
            <option key={`${sort}:${dir}`} value={`${sort}:${dir}`}>
              {choice}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="h-9 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-700 shadow-sm hover:bg-zinc-50">
        Search
      </button>
      {narrowed && (
        <Link href={`${pathname}${keyListHref({ ...DEFAULT_KEY_LIST, sort: params.sort, dir: params.dir })}`} className="h-9 px-1 text-sm font-medium leading-9 text-brand-700 hover:underline">
          Clear filters
        </Link>
      )}
    </form>
  );
}
