import { StaleVersion } from "@/lib/errors";
import { ApiError } from "./errors";

// Conditional requests (RFC 9110 §13, SPEC §7). An object's ETag is its version as a strong,
// quoted decimal ("4"). If-Match on a write uses strong comparison, so a weak tag never matches;
// If-None-Match on a read uses weak comparison.
//
// A header that is not `*` or a list of entity-tags names no tag, so nothing can match it: If-Match
// then fails (412: a write never proceeds on a header we could not read) and If-None-Match then
// holds (the full answer, as if it were absent). Neither needs an error code of its own.

export type EntityTag = { weak: boolean; tag: string };
/** `*`, the tags listed, or null when the value is not a list of entity-tags. */
export type TagList = "*" | EntityTag[] | null;

const ENTITY_TAG = /^\s*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)/;

export function parseEntityTags(value: string): TagList {
  if (value.trim() === "*") return "*";
  const tags: EntityTag[] = [];
  let rest = value;
  while (rest.trim() !== "") {
    // Empty list members ("a, , b") are allowed by the list syntax (RFC 9110 §5.6.1).
    const empty = /^\s*,/.exec(rest);
    if (empty) {
      rest = rest.slice(empty[0].length);
      continue;
    }
    const match = ENTITY_TAG.exec(rest);
    if (!match) return null;
    tags.push({ weak: match[1] !== undefined, tag: match[2] });
    rest = rest.slice(match[0].length);
  }
  return tags.length ? tags : null;
}

export const etagOf = (version: number): string => `"${version}"`;

const DECIMAL = /^[1-9][0-9]{0,9}$/;

/**
 * The versions a write may change, from If-Match: undefined when the header is absent or `*` (any
 * existing object; a missing one stays 404, RFC 9110 §13.2.1), else the strong decimal tags it
 * names, possibly none (then only the 404 or the 412 remain).
 */
export function ifMatchVersions(headers: Headers): number[] | undefined {
  const value = headers.get("if-match");
  if (value === null) return undefined;
  const tags = parseEntityTags(value);
  if (tags === "*") return undefined;
  return (tags ?? []).filter((t) => !t.weak && DECIMAL.test(t.tag)).map((t) => Number(t.tag));
}

/** If-None-Match on a read: true when it names the object's current version (weakly) or is `*`. */
export function noneMatchHolds(headers: Headers, version: number): boolean {
  const value = headers.get("if-none-match");
  if (value === null) return false;
  const tags = parseEntityTags(value);
  return tags === "*" || (tags ?? []).some((t) => t.tag === String(version));
}

/** The 412 for a stale If-Match, saying why when the header could never have matched. */
export function preconditionFailed(current: number, headers: Headers): ApiError {
  const tags = parseEntityTags(headers.get("if-match") ?? "");
  const now = `this object is now version ${current}, ETag "${current}"`;
  const message =
    tags === null
      ? `If-Match must be * or a list of quoted entity-tags (${now}).`
      : tags !== "*" && tags.every((t) => t.weak)
        ? `If-Match uses strong comparison, so a weak W/ tag never matches; send the ETag as given (${now}).`
        : `This object changed since you read it (it is now version ${current}); fetch it again and retry.`;
  return new ApiError("precondition_failed", message);
}

/** Runs a conditional write with the If-Match versions; a stale version becomes the 412. */
export async function withIfMatch<T>(req: Request, write: (versions: number[] | undefined) => Promise<T>): Promise<T> {
  try {
    return await write(ifMatchVersions(req.headers));
  } catch (error) {
    if (error instanceof StaleVersion) throw preconditionFailed(error.current, req.headers);
    throw error;
  }
}

/** 304 Not Modified: the ETag and the request id, no body (RFC 9110 §15.4.5). */
export function notModified(version: number, requestId: string): Response {
  return new Response(null, { status: 304, headers: { ETag: etagOf(version), "X-Request-Id": requestId, "Cache-Control": "no-store" } });
}
