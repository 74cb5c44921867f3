import { z } from "zod";
import { decodeListCursor } from "@/lib/crypto/list-cursor";
import { NO_CONTROL } from "@/lib/validation";
import { pageQuery } from "@/lib/api/pagination";

// The audit log's filters and page, read from a query string by the admin API, the dashboard's
// read endpoint, its CSV export and its page, so all four accept exactly the same input.

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

// "key.created" matches exactly; "key." or "key.*" matches every action that starts with "key.".
const action = z
  .string()
  .trim()
  .max(64, "action must be at most 64 characters")
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.|\.\*)?$/, 'action must be an action such as "key.created", or a prefix such as "key."')
  .transform((value) => value.replace(/\*$/, ""));

const actor = z.string().trim().max(200, "actor must be at most 200 characters").regex(NO_CONTROL, "actor cannot contain control characters");

const DAY_MS = 24 * 60 * 60 * 1000;

/** An ISO 8601 instant with a zone ("2025-01-31T09:30:00Z", "…+02:00") or a whole UTC day ("2025-01-31"). */
function instant(name: "from" | "to") {
  return z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: `${name} must be an ISO 8601 date-time with a zone, or a date` }).transform((value) => {
    const at = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
    // A bare date as the upper bound means "up to the end of that day".
    return name === "to" && value.length === 10 ? new Date(at.getTime() + DAY_MS - 1) : at;
  });
}

// A cursor's position is the last entry's time (ms, base 36) and id: the list is ordered by both.
// The cursor itself is signed for this list (lib/crypto/list-cursor), like every /api/v1 list's.
const CURSOR_PATTERN = /^([0-9a-z]{1,11})_([A-Za-z0-9_-]{1,64})$/;
export const AUDIT_LOG_LIST = "audit-log";

/** The entry a cursor of the audit log points after, or null when the API did not issue it. */
export function auditCursorPosition(cursor: string): { at: Date; id: string } | null {
  const match = CURSOR_PATTERN.exec(decodeListCursor(AUDIT_LOG_LIST, cursor) ?? "");
  if (!match) return null;
  const at = new Date(Number.parseInt(match[1], 36));
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2] };
}

export const auditQuerySchema = z.object({
  action: z.preprocess(blankToUndefined, action.optional()),
  actor: z.preprocess(blankToUndefined, actor.optional()),
  from: z.preprocess(blankToUndefined, instant("from").optional()),
  to: z.preprocess(blankToUndefined, instant("to").optional()),
  limit: pageQuery.shape.limit,
  cursor: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((c) => auditCursorPosition(c) !== null, "cursor is not one this API returned for this list")
      .optional(),
  ),
});
// A `to` before `from` is an empty range: an empty page, as a filter that matches nothing.

export type AuditQuery = z.infer<typeof auditQuerySchema>;
export type AuditFilters = Pick<AuditQuery, "action" | "actor" | "from" | "to">;

/** The query parameters of the audit log (the admin API refuses any other). */
export const AUDIT_QUERY_PARAMETERS = ["action", "actor", "from", "to", "limit", "cursor"] as const;

/** Validates the audit-log parameters of a query string (the first value of each; others ignored). */
export function parseAuditQuery(params: URLSearchParams) {
  return auditQuerySchema.safeParse(Object.fromEntries(AUDIT_QUERY_PARAMETERS.map((name) => [name, params.get(name) ?? undefined])));
}
