import { z } from "zod";
import { decodeListCursor, encodeListCursor } from "@/lib/crypto/list-cursor";
import { ApiError, zodIssues } from "./errors";

export const CURSOR_REFUSED = "cursor is not one this API returned for this list";

/** The list parameters; the OpenAPI document describes them from this schema too. */
export const pageQuery = z.object({
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, CURSOR_REFUSED)
    .optional(),
});

/** The query parameters every list accepts, for apiRoute's `query` option. */
export const PAGE_PARAMETERS = Object.keys(pageQuery.shape);

/**
 * One page of a list: `limit` rows after the row whose id is `after` (none: from the start).
 * A store reads `limit + 1` rows (`id > after`, ordered by id): the extra row only tells
 * pageResult that another page exists.
 */
export type Page = { list: string; limit: number; after?: string };

/** ?limit= (1–100, default 20) and ?cursor= from this list's `nextCursor` (any other is 422). */
export function pageFrom(url: URL, list: string): Page {
  const parsed = pageQuery.safeParse({ limit: url.searchParams.get("limit") ?? undefined, cursor: url.searchParams.get("cursor") ?? undefined });
  if (!parsed.success) throw new ApiError("validation_failed", "The list parameters are not valid.", { issues: zodIssues(parsed.error) });
  const { limit, cursor } = parsed.data;
  if (cursor === undefined) return { list, limit };
  const after = decodeListCursor(list, cursor);
  if (after === null) throw new ApiError("validation_failed", "The list parameters are not valid.", { issues: [{ path: "cursor", message: CURSOR_REFUSED }] });
  return { list, limit, after };
}

export type PageResult<T> = { data: T[]; nextCursor: string | null; hasMore: boolean };

/**
 * Up to `limit + 1` rows as read by a store → the page, and a cursor only when more rows follow.
 * The cursor holds the last row's position in the list's order: its id, unless `positionOf` says otherwise.
 */
export function pageResult<T extends { id: string }>(rows: T[], page: Pick<Page, "list" | "limit">, positionOf: (row: T) => string = (row) => row.id): PageResult<T> {
  const data = rows.slice(0, page.limit);
  const hasMore = rows.length > page.limit;
  return { data, nextCursor: hasMore ? encodeListCursor(page.list, positionOf(data[data.length - 1])) : null, hasMore };
}
