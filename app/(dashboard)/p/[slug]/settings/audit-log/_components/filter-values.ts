import { format } from "date-fns";

// The audit log's filters as the browser holds them: query-string values, blank when unset.
// `from` and `to` are ISO instants; the form shows them in the viewer's own time zone.

export type AuditFilterValues = { action: string; actor: string; from: string; to: string };

export const NO_FILTERS: AuditFilterValues = { action: "", actor: "", from: "", to: "" };
export const AUDIT_PAGE_SIZE = 25;

export function filterSearchParams(filters: AuditFilterValues): URLSearchParams {
  return new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ""));
}

export const hasFilters = (filters: AuditFilterValues) => Object.values(filters).some((value) => value !== "");

/** ISO instant → the value of a datetime-local input, in local time. */
export function toLocalInput(iso: string): string {
  const at = new Date(iso);
  return iso && !Number.isNaN(at.getTime()) ? format(at, "yyyy-MM-dd'T'HH:mm") : "";
}

/** A datetime-local value → ISO; an upper bound covers the whole chosen minute. */
export function fromLocalInput(local: string, bound: "from" | "to"): string {
  const at = new Date(local);
  if (!local || Number.isNaN(at.getTime())) return "";
  return new Date(at.getTime() + (bound === "to" ? 59_999 : 0)).toISOString();
}
