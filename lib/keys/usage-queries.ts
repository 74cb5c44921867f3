import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { API_KEY } from "./format";
import { OUTCOMES, usage, type OutcomeCounts } from "./usage";

export type UsageRange = "24h" | "30d";
/** One bar of the usage chart: the hour or UTC day starting at `start` (ISO), counts by outcome. */
export type UsagePoint = OutcomeCounts & { start: string };
export type RecentRequest = { id: string; at: Date; method: string; path: string; status: number; ip: string | null; requestId: string; durationMs: number };

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

/** A key's latest requests, newest first, including those this process has not written yet. */
export async function recentRequests(projectId: string, keyId: string, limit = 50): Promise<RecentRequest[]> {
  if (!(await ownsKey(projectId, keyId))) return [];
  const stored = await db().keyRequest.findMany({
    where: { keyId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, at: true, method: true, path: true, status: true, ip: true, requestId: true, durationMs: true },
  });
  const pending = usage.peek(keyId).requests.map(({ at, method, path, status, ip, requestId, durationMs }, i) => ({
    id: `pending-${i}-${requestId}`,
    ...{ at, method, path, status, ip, requestId, durationMs },
  }));
  return [...pending, ...stored].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

const ownsKey = async (projectId: string, keyId: string) => (await db().apiKey.count({ where: { id: keyId, projectId, kind: API_KEY } })) > 0;
