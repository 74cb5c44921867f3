import Link from "next/link";
import type { KeySort, SortDirection } from "@/lib/keys/list-params";

const SORTABLE: Partial<Record<string, KeySort>> = { Created: "created", "Last used": "last_used", Expires: "expires" };

/** The list's current sort, and for each sortable column the address its header links to (built on the server). */
export type KeysSorting = { sort: KeySort; dir: SortDirection; hrefs: Record<KeySort, string> };

/** A column header of the keys table; Created, Last used and Expires link to the list sorted by them. */
export function ColumnHeader({ column, sorting }: { column: string; sorting?: KeysSorting }) {
  const sort = SORTABLE[column];
  const className = "whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500";
  if (!sort || !sorting) {
    return (
      <th scope="col" className={className}>
        {column}
      </th>
    );
  }
  const current = sorting.sort === sort;
  return (
    <th scope="col" className={className} aria-sort={current ? (sorting.dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link href={sorting.hrefs[sort]} className="inline-flex items-center gap-1 rounded hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-brand-500">
        {column}
        <span aria-hidden="true" className={current ? "text-zinc-700" : "text-zinc-300"}>
          {current && sorting.dir === "asc" ? "↑" : "↓"}
        </span>
      </Link>
    </th>
  );
}

