import { z } from "zod";
import { KEY_ROLES, type KeyRole } from "@/lib/permissions";
import { keySearchSchema } from "./schemas";
import { EXPIRING_WITHIN_DAYS, KEY_FLAGS, type KeyFlag } from "./hygiene";

// The API Keys page's search, filters, sort and page, as they stand in its address (issue 14): a
// reload or a shared link shows the same list. A value the page does not know is dropped, with a
// message saying so; it never fails the page.

/** "current" (the default) is every key but the revoked ones; "expiring" is active and expiring within 7 days. */
export const KEY_STATUS_FILTERS = ["current", "active", "expiring", "disabled", "expired", "revoked", "all"] as const;
export type KeyStatusFilter = (typeof KEY_STATUS_FILTERS)[number];

export const STATUS_FILTER_LABELS: Record<KeyStatusFilter, string> = {
  current: "All but revoked",
  active: "Active",
  expiring: `Expiring within ${EXPIRING_WITHIN_DAYS} days`,
  disabled: "Disabled",
  expired: "Expired",
  revoked: "Revoked",
  all: "All, revoked included",
};

/** The sortable columns, by their address name. */
export const KEY_SORTS = { created: "Created", last_used: "Last used", expires: "Expires" } as const;
export type KeySort = keyof typeof KEY_SORTS;
export type SortDirection = "asc" | "desc";
/** The direction a column sorts in when its header is first clicked: latest first, except the next expiry first. */
export const FIRST_DIRECTION: Record<KeySort, SortDirection> = { created: "desc", last_used: "desc", expires: "asc" };

/** The phone's "Sort by" choices (the column headers are hidden there): a column and a direction, as "sort:dir". */
export const SORT_CHOICES = [
  { sort: "created", dir: "desc", label: "Newest first" },
  { sort: "created", dir: "asc", label: "Oldest first" },
  { sort: "last_used", dir: "desc", label: "Recently used first" },
  { sort: "last_used", dir: "asc", label: "Least recently used first" },
  { sort: "expires", dir: "asc", label: "Expires soonest" },
  { sort: "expires", dir: "desc", label: "Expires latest" },
] as const satisfies readonly { sort: KeySort; dir: SortDirection; label: string }[];

export type KeyListParams = { query: string; status: KeyStatusFilter; role: KeyRole | undefined; flag: KeyFlag | undefined; sort: KeySort; dir: SortDirection; page: number };

export const DEFAULT_KEY_LIST: KeyListParams = { query: "", status: "current", role: undefined, flag: undefined, sort: "created", dir: "desc", page: 1 };

const MAX_PAGE = 100_000;

const FIELDS = {
  status: z.enum(KEY_STATUS_FILTERS),
  role: z.enum(KEY_ROLES),
  flag: z.enum(KEY_FLAGS),
  sort: z.enum(Object.keys(KEY_SORTS) as [KeySort, ...KeySort[]]),
  dir: z.enum(["asc", "desc"]),
};

const WHAT_IS_SHOWN = {
  status: "keys that are not revoked are shown",
  role: "keys of every role are shown",
  flag: "keys are not filtered by risk",
  sort: "keys are sorted by Created",
  dir: "keys are sorted newest first",
};

type Raw = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => [value].flat()[0];

/** The list the address asks for, and a sentence for each value that was dropped. */
export function parseKeyListParams(raw: Raw): { params: KeyListParams; problems: string[] } {
  const problems: string[] = [];
  const params: KeyListParams = { ...DEFAULT_KEY_LIST };

  const search = keySearchSchema.safeParse(first(raw.q) ?? "");
  if (search.success) params.query = search.data;
  else problems.push(search.error.issues[0].message);

  // The "Sort by" select sends both as one value; explicit sort and dir win.
  const [orderSort, orderDir] = (first(raw.order) ?? "").split(":");
  const values: Raw = { ...raw, sort: first(raw.sort) || orderSort, dir: first(raw.dir) || orderDir };
  for (const name of ["status", "role", "flag", "sort", "dir"] as const) {
    const value = first(values[name]);
    if (value === undefined || value === "") continue;
    const parsed = FIELDS[name].safeParse(value);
    if (parsed.success) Object.assign(params, { [name]: parsed.data });
    else problems.push(`Unknown ${name} “${value.slice(0, 40)}”: ${WHAT_IS_SHOWN[name]}.`);
  }

  const page = Number.parseInt(first(raw.page) ?? "1", 10);
  params.page = Math.min(Math.max(1, page || 1), MAX_PAGE);
  return { params, problems };
}

/** The address (a query string) of a list: only the values that differ from the defaults. */
export function keyListHref(params: KeyListParams): string {
  const out = new URLSearchParams();
  if (params.query) out.set("q", params.query);
  for (const name of ["status", "role", "flag", "sort", "dir"] as const) {
    const value = params[name];
    if (value !== undefined && value !== DEFAULT_KEY_LIST[name]) out.set(name, value);
  }
  if (params.page > 1) out.set("page", String(params.page));
  return `?${out}`;
}

/** The address a sortable column's header links to: this column in its first direction, or reversed if it is the current sort. Back to page 1. */
export function sortHref(params: KeyListParams, column: KeySort): string {
  const dir = params.sort === column ? (params.dir === "asc" ? "desc" : "asc") : FIRST_DIRECTION[column];
  return keyListHref({ ...params, sort: column, dir, page: 1 });
}
