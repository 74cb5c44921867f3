import type { Column } from "@/components/ui/table";
import type { KeySort, SortDirection } from "@/lib/keys/list-params";

const SORTABLE: Partial<Record<string, KeySort>> = { Created: "created", "Last used": "last_used", Expires: "expires" };

/** The list's current sort, and for each sortable column the address its header links to (built on the server). */
export type KeysSorting = { sort: KeySort; dir: SortDirection; hrefs: Record<KeySort, string> };

/** How a column of the keys table sorts: Created, Last used and Expires link to the list sorted by them. */
export function columnSort(column: string, sorting?: KeysSorting): Column<unknown>["sort"] {
  const sort = SORTABLE[column];
  if (!sort || !sorting) return undefined;
  return { href: sorting.hrefs[sort], direction: sorting.sort !== sort ? "none" : sorting.dir === "asc" ? "ascending" : "descending" };
}
