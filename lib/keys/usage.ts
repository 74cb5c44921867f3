import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { FLUSH_INTERVAL_MS } from "./last-used";
import { OUTCOMES, outcomeOf, type Outcome } from "./outcomes";

// Per-key usage without a database write per request: counts per (key, hour, outcome), counts per
// (key, UTC day, permission used) and a bounded sample of recent requests are kept in memory and
// written in one transaction every few seconds, on the same cadence as "last used".

export { OUTCOMES, outcomeOf, type Outcome } from "./outcomes";
export type OutcomeCounts = Record<Outcome, number>;
export type HourCounts = OutcomeCounts & { keyId: string; hour: Date };
/** How often a key was authorised for one permission (`<resource>:<action>`) on one UTC day. */
export type PermissionCount = { keyId: string; day: Date; permission: string; count: number };
export type RecordedRequest = {
  keyId: string;
  at: Date;
  method: string;
  path: string;
  status: number;
  ip: string | null;
  requestId: string;
  durationMs: number;
  /** The error envelope's code of a refused call; null for a success. */
  errorCode: string | null;
  userAgent: string | null;
};

/** Recent requests kept per key between two flushes; the rest of a burst is counted, not listed. */
export const RECENT_PER_KEY = 20;
/** All recent requests kept in memory, whatever the load or however long the database is away. */
export const RECENT_MAX = 10_000;
export const MAX_PATH_LENGTH = 200;
export const MAX_USER_AGENT_LENGTH = 256;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The start of the UTC hour holding `ms`, in milliseconds since the epoch. */
const hourStartMs = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;
export const hourOf = (at: Date): Date => new Date(hourStartMs(at.getTime()));

const zeroCounts = (): OutcomeCounts => ({ success: 0, clientError: 0, rateLimited: 0, serverError: 0 });

type Batch = { counts: HourCounts[]; permissions: PermissionCount[]; requests: RecordedRequest[] };

class UsageRecorder {
  private counts = new Map<string, HourCounts>();
  private permissions = new Map<string, PermissionCount>();
  // Insertion order doubles as recency: a key's list moves to the end when it records, so the
  // global cap drops from the key that has been quiet longest.
  private recent = new Map<string, RecordedRequest[]>();
  private recentSize = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  record(request: RecordedRequest): void {
    const entry = { ...request, path: request.path.slice(0, MAX_PATH_LENGTH), userAgent: request.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null };
    this.countOne(entry.keyId, entry.at, outcomeOf(entry.status));
    this.remember([entry]);
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
      this.timer.unref();
    }
  }

  /** A request the key was authorised for: counted against its permission and UTC day. */
  usedPermission(keyId: string, permission: string, at: Date): void {
    const day = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
    const id = `${keyId}|${day}|${permission}`;
    const current = this.permissions.get(id);
    if (current) current.count++;
    else this.permissions.set(id, { keyId, day: new Date(day), permission, count: 1 });
  }

  /** The counts and requests of a key not yet written, so this process can show them before the flush. */
  peek(keyId: string): Batch {
    return {
      counts: [...this.counts.values()].filter((c) => c.keyId === keyId),
      permissions: [...this.permissions.values()].filter((c) => c.keyId === keyId),
      requests: [...(this.recent.get(keyId) ?? [])],
    };
  }

  /** How many recent requests are held in memory (bounded by RECENT_MAX). */
  get bufferedRequests(): number {
    return this.recentSize;
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.counts.size === 0 && this.permissions.size === 0 && this.recentSize === 0) return;
      const batch: Batch = { counts: [...this.counts.values()], permissions: [...this.permissions.values()], requests: [...this.recent.values()].flat() };
      this.counts.clear();
      this.permissions.clear();
      this.recent.clear();
      this.recentSize = 0;
      try {
        await writeBatch(batch);
      } catch (error) {
        try {
          // A key deleted between the existence check and the write: once more, without it.
          if (!isForeignKeyError(error)) throw error;
          await writeBatch(batch);
        } catch {
          // The transaction wrote nothing: keep the batch, merged with what arrived meanwhile.
          for (const counts of batch.counts) this.addCounts(counts);
          for (const used of batch.permissions) this.addPermissionCount(used);
          this.remember(batch.requests.reverse(), { older: true });
        }
      }
    });
    return this.flushing;
  }

  /** One answer, counted in place: the hot path, called for every request with a key. */
  private countOne(keyId: string, at: Date, outcome: Outcome): void {
    const hour = hourStartMs(at.getTime());
    const current = this.counts.get(`${keyId}|${hour}`);
    if (current) current[outcome]++;
    else this.counts.set(`${keyId}|${hour}`, { keyId, hour: new Date(hour), ...zeroCounts(), [outcome]: 1 });
  }

  private addCounts(counts: HourCounts): void {
    const id = `${counts.keyId}|${counts.hour.getTime()}`;
    const current = this.counts.get(id);
    if (!current) return void this.counts.set(id, { ...counts });
    for (const outcome of OUTCOMES) current[outcome] += counts[outcome];
  }

  private addPermissionCount(used: PermissionCount): void {
    const id = `${used.keyId}|${used.day.getTime()}|${used.permission}`;
    const current = this.permissions.get(id);
    if (current) current.count += used.count;
    else this.permissions.set(id, { ...used });
  }

  /** `older`: requests that predate those held (newest first), kept only where a key has room. */
  private remember(requests: RecordedRequest[], { older = false } = {}): void {
    for (const request of requests) {
      const list = this.recent.get(request.keyId) ?? [];
      if (older) {
        if (list.length >= RECENT_PER_KEY) continue;
        list.unshift(request);
      } else {
        this.recent.delete(request.keyId);
        list.push(request);
        if (list.length > RECENT_PER_KEY) {
          list.shift();
          this.recentSize--;
        }
      }
      this.recent.set(request.keyId, list);
      this.recentSize++;
    }
    while (this.recentSize > RECENT_MAX) {
      const [keyId, oldest] = this.recent.entries().next().value!;
      oldest.shift();
      this.recentSize--;
      if (oldest.length === 0) this.recent.delete(keyId);
    }
  }
}

async function writeBatch(batch: Batch): Promise<void> {
  const ids = [...new Set([...batch.counts, ...batch.permissions, ...batch.requests].map((row) => row.keyId))];
  const existing = new Set((await db().apiKey.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((key) => key.id));
  const counts = batch.counts.filter((c) => existing.has(c.keyId));
  const permissions = batch.permissions.filter((p) => existing.has(p.keyId));
  const requests = batch.requests.filter((r) => existing.has(r.keyId));
  if (counts.length === 0 && permissions.length === 0 && requests.length === 0) return;
  await db().$transaction([
    ...counts.map(({ keyId, hour, ...n }) =>
      db().keyUsage.upsert({
        where: { keyId_hour: { keyId, hour } },
        create: { keyId, hour, ...n },
        // Increments, never overwrites: several instances add to the same hour.
        update: {
          success: { increment: n.success },
          clientError: { increment: n.clientError },
          rateLimited: { increment: n.rateLimited },
          serverError: { increment: n.serverError },
        },
      }),
    ),
    ...permissions.map(({ keyId, day, permission, count }) =>
      db().keyPermissionUsage.upsert({
        where: { keyId_day_permission: { keyId, day, permission } },
        create: { keyId, day, permission, count },
        update: { count: { increment: count } },
      }),
    ),
    ...(requests.length > 0 ? [db().keyRequest.createMany({ data: requests })] : []),
  ]);
}

function isForeignKeyError(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2003";
}

const holder = globalThis as unknown as { __latchkeyUsage?: UsageRecorder };
export const usage = (holder.__latchkeyUsage ??= new UsageRecorder());

export const REQUEST_RETENTION_DAYS = 30;
export const USAGE_RETENTION_DAYS = 90;

/** Retention: recent requests for 30 days, hourly counts and permission use for 90. */
export async function deleteOldUsage(at = now()): Promise<{ requests: number; hours: number }> {
  const daysAgo = (days: number) => new Date(at.getTime() - days * 24 * HOUR_MS);
  const requests = await db().keyRequest.deleteMany({ where: { at: { lt: daysAgo(REQUEST_RETENTION_DAYS) } } });
  const hours = await db().keyUsage.deleteMany({ where: { hour: { lt: daysAgo(USAGE_RETENTION_DAYS) } } });
  await db().keyPermissionUsage.deleteMany({ where: { day: { lt: daysAgo(USAGE_RETENTION_DAYS) } } });
  return { requests: requests.count, hours: hours.count };
}
