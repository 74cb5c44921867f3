import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { API_KEY } from "./format";
import { usage, type OutcomeCounts, type RecordedRequest } from "./usage";
import { OUTCOMES, outcomeOf, STATUS_OF_OUTCOME, type Outcome } from "./outcomes";

export type UsageRange = "24h" | "30d";
/** One bar of the usage chart: the hour or UTC day starting at `start` (ISO), counts by outcome. */
export type UsagePoint = OutcomeCounts & { start: string };
/** A request as the key page lists it: as recorded, under its own id. */
export type RecentRequest = Omit<RecordedRequest, "keyId"> & { id: string };

const HOUR_MS = 3_600_000;
const RANGES: Record<UsageRange, { points: number; stepMs: number }> = {
  "24h": { points: 24, stepMs: HOUR_MS },
  "30d": { points: 30, stepMs: 24 * HOUR_MS },
};

/**
 * A key's requests per hour over the last 24 hours, or per UTC day over the last 30 days, oldest
 * first and zero-filled, including counts this process has not written yet.
 */
export async function usageSeries(projectId: string, keyId: string, range: UsageRange): Promise<UsagePoint[]> {
  const { points, stepMs } = RANGES[range];
  const first = Math.floor(now().getTime() / stepMs) * stepMs - (points - 1) * stepMs;
  const series: UsagePoint[] = Array.from({ length: points }, (_, i) => ({
    start: new Date(first + i * stepMs).toISOString(),
    success: 0,
    clientError: 0,
    rateLimited: 0,
    serverError: 0,
  }));
  if (!(await ownsKey(projectId, keyId))) return series;
  const stored = await db().keyUsage.findMany({
    where: { keyId, hour: { gte: new Date(first) } },
    select: { hour: true, success: true, clientError: true, rateLimited: true, serverError: true },
  });
  for (const row of [...stored, ...usage.peek(keyId).counts]) {
    const point = series[Math.floor((row.hour.getTime() - first) / stepMs)];
    if (!point) continue; // older than the range, or ahead of it (a clock moved back in tests)
    for (const outcome of OUTCOMES) point[outcome] += row[outcome];
  }
  return series;
}

export const RECENT_REQUESTS_PAGE_SIZE = 25;

/** One page of a key's requests, newest first; `older` and `newer` are the cursors of the pages either side, or null. */
export type RecentRequestsPage = { requests: RecentRequest[]; older: string | null; newer: string | null };
export type RecentRequestsQuery = { outcome?: Outcome; before?: string; after?: string; limit?: number };

// Requests are ordered by (at, requestId): the same for a request before and after its flush, so a
// cursor stays valid while the page is open. A cursor is "<epoch ms>.<requestId>".
type Cursor = { at: Date; requestId: string };
const encodeCursor = (r: Cursor) => `${r.at.getTime()}.${r.requestId}`;
function decodeCursor(value: string | undefined): Cursor | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9._-]{1,64})$/.exec(value ?? "");
  const at = match ? new Date(Number(match[1])) : null;
  return at && !Number.isNaN(at.getTime()) ? { at, requestId: match![2] } : null;
}
const compare = (a: Cursor, b: Cursor) => a.at.getTime() - b.at.getTime() || (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0);

/**
 * A page of a key's requests, newest first, optionally of one outcome, including those this
 * process has not written yet: the newest page, the page `before` a cursor (older) or the page
 * `after` one (newer). A cursor that does not parse gives the newest page.
 */
export async function recentRequests(projectId: string, keyId: string, query: RecentRequestsQuery = {}): Promise<RecentRequestsPage> {
  const { outcome, limit = RECENT_REQUESTS_PAGE_SIZE } = query;
  if (!(await ownsKey(projectId, keyId))) return { requests: [], older: null, newer: null };
  const before = decodeCursor(query.before);
  const after = before ? null : decodeCursor(query.after);
  const toward = after ? "newer" : "older";
  const cursor = before ?? after;
  const sign = toward === "older" ? -1 : 1;

  const beyond = (c: Cursor) => {
    const op = toward === "older" ? "lt" : "gt";
    return { OR: [{ at: { [op]: c.at } }, { at: c.at, requestId: { [op]: c.requestId } }] };
  };
  const order = toward === "older" ? "desc" : "asc";
  const stored = await db().keyRequest.findMany({
    where: { keyId, ...(outcome ? { status: STATUS_OF_OUTCOME[outcome] } : {}), ...(cursor ? beyond(cursor) : {}) },
    orderBy: [{ at: order }, { requestId: order }],
    take: limit + 1,
    select: { id: true, at: true, method: true, path: true, status: true, ip: true, requestId: true, durationMs: true, errorCode: true, userAgent: true },
  });
  const pending = usage
    .peek(keyId)
    .requests.filter((r) => (!outcome || outcomeOf(r.status) === outcome) && (!cursor || sign * compare(r, cursor) > 0))
    .map(({ keyId: _, ...request }) => ({ id: `pending-${request.requestId}`, ...request }));
  // Nearest the cursor first; one more than a page says whether there is a page beyond.
  const rows = [...pending, ...stored].sort((a, b) => sign * compare(a, b)).slice(0, limit + 1);
  const more = rows.length > limit;
  // Fewer newer requests than a page: that is the newest page.
  if (after && !more) return recentRequests(projectId, keyId, { outcome, limit });
  const page = rows.slice(0, limit);
  if (after) page.reverse();
  const [newest, oldest] = [page[0], page[page.length - 1]];
  return {
    requests: page,
    older: page.length && (after || more) ? encodeCursor(oldest) : null,
    newer: page.length && cursor ? encodeCursor(newest) : null,
  };
}

/** Whether the API key `keyId` is this project's. */
export const ownsKey = async (projectId: string, keyId: string) => (await db().apiKey.count({ where: { id: keyId, projectId, kind: API_KEY } })) > 0;
