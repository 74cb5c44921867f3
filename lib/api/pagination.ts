import { z } from "zod";
import { ApiError, zodIssues } from "./errors";

/** The list parameters; the OpenAPI document describes them from this schema too. */
export const pageQuery = z.object({
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "cursor is not one this API returned").optional(),
});
export type Page = z.infer<typeof pageQuery>;

/** ?limit= (1–100, default 20) and ?cursor= from a list's `nextCursor`. */
export function pageFrom(url: URL): Page {
  const parsed = pageQuery.safeParse({ limit: url.searchParams.get("limit") ?? undefined, cursor: url.searchParams.get("cursor") ?? undefined });
  if (!parsed.success) throw new ApiError("validation_failed", "The list parameters are not valid.", { issues: zodIssues(parsed.error) });
  return parsed.data;
}

/** Lists are ordered by id; a full page points at its last id. */
export function pageResult<T extends { id: string }>(rows: T[], page: Page) {
  return { data: rows, nextCursor: rows.length === page.limit ? rows[rows.length - 1].id : null };
}
