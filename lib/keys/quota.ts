import type Redis from "ioredis";

// Request quotas (SPEC §16): N requests per UTC day or month, refilled (replaced, not added to) at
// the period's start, and never more than N successes across instances. Each instance leases units
// in blocks from a shared counter (Redis when set, the database otherwise) by an increment that is
// conditional on staying within N, and spends them in memory: the warm path is a decrement, and a
// shared write happens once per block (blocks shrink to one unit near the end). Units leased and
// not spent within a few seconds are given back, so an idle instance does not strand them.

export const QUOTA_PERIODS = ["day", "month"] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];
export const MAX_QUOTA = 1_000_000_000;

/** The UTC period holding `at`: its start and the start of the next one. */
export function quotaPeriod(period: QuotaPeriod, at: number): { start: number; end: number } {
  const d = new Date(at);
  if (period === "day") {
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    return { start, end: start + 86_400_000 };
  }
  return { start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) };
}

/** A shared counter of units spent per key and period. `lease` grants at most `want` without passing `limit`. */
export interface QuotaStore {
  lease(keyId: string, periodStart: number, periodEnd: number, limit: number, want: number): Promise<{ granted: number; used: number }>;
  giveBack(keyId: string, periodStart: number, units: number): Promise<void>;
}

/** `startAt` and `resetAt`: the period's bounds (ms), the quota refilling at `resetAt`. */
export type QuotaDecision = { allowed: boolean; remaining: number; startAt: number; resetAt: number };
export type QuotaThreshold = 80 | 100;
type Lease = {
  keyId: string;
  periodStart: number;
  periodEnd: number;
  limit: number;
  /** Leased here and not spent yet. */
  units: number;
  /** The shared count after this instance's last lease (leased units included). */
  used: number;
  lastSpent: number;
  pending: Promise<void> | null;
  /** While the shared counter is at the limit, refusals are answered from memory until then. */
  exhaustedUntil: number;
};
/** How often an exhausted key asks the shared counter again (units another instance gives back). */
export const EXHAUSTED_RECHECK_MS = 1_000;

/** Keys holding a lease on this instance at once; past it, the longest idle gives its units back. */
export const MAX_LEASES = 100_000;
export const IDLE_RETURN_MS = 2_000;
const MAX_BLOCK = 10_000;

export class QuotaSpender {
  private leases = new Map<string, Lease>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: () => QuotaStore,
    private readonly onThreshold: (keyId: string, periodStart: number, threshold: QuotaThreshold, limit: number) => void = () => {},
  ) {}

  /**
   * One request against a key's quota. Synchronous (a decrement) while this instance holds
   * leased units; otherwise a promise that leases a block first.
   */
  spend(keyId: string, limit: number, period: QuotaPeriod, at: number): QuotaDecision | Promise<QuotaDecision> {
    let lease = this.leases.get(keyId);
    // The warm path: a lease of this period and limit with units left is a decrement.
    if (lease !== undefined && lease.units > 0 && lease.limit === limit && at >= lease.periodStart && at < lease.periodEnd) return this.take(lease, at);
    const { start, end } = quotaPeriod(period, at);
    if (lease && (lease.periodStart !== start || lease.limit !== limit)) {
      this.release(lease);
      lease = undefined;
    }
    if (lease && lease.units > 0) return this.take(lease, at);
    if (lease && lease.exhaustedUntil > at) return { allowed: false, remaining: 0, startAt: start, resetAt: end };
    return this.leaseThenSpend(keyId, limit, start, end, at);
  }

  private take(lease: Lease, at: number): QuotaDecision {
    lease.units--;
    lease.lastSpent = at;
    return { allowed: true, remaining: Math.max(0, lease.limit - lease.used + lease.units), startAt: lease.periodStart, resetAt: lease.periodEnd };
  }

  private async leaseThenSpend(keyId: string, limit: number, start: number, end: number, at: number): Promise<QuotaDecision> {
    let lease = this.leases.get(keyId);
    if (!lease || lease.periodStart !== start || lease.limit !== limit) {
      lease = { keyId, periodStart: start, periodEnd: end, limit, units: 0, used: 0, lastSpent: at, pending: null, exhaustedUntil: 0 };
      this.leases.set(keyId, lease);
      this.bound();
      this.startTimer();
    }
    // Concurrent requests of this instance share one lease call.
    while (lease.units === 0) {
      if (!lease.pending) {
        const current = lease;
        current.pending = this.refill(current).finally(() => (current.pending = null));
      }
      await lease.pending;
      if (lease.units === 0 && lease.used >= limit) {
        lease.exhaustedUntil = at + EXHAUSTED_RECHECK_MS;
        return { allowed: false, remaining: 0, startAt: start, resetAt: end };
      }
    }
    return this.take(lease, at);
  }

  private async refill(lease: Lease): Promise<void> {
    // A tenth of what is left, so several instances share the tail; one unit at a time at the end.
    const left = Math.max(0, lease.limit - lease.used);
    const want = Math.min(MAX_BLOCK, Math.max(1, Math.ceil(left / 10)));
    const { granted, used } = await this.store().lease(lease.keyId, lease.periodStart, lease.periodEnd, lease.limit, want);
    const before = lease.used;
    lease.units += granted;
    lease.used = granted > 0 ? used : Math.max(used, lease.limit);
    for (const threshold of [80, 100] as const) {
      const mark = Math.ceil((lease.limit * threshold) / 100);
      if (before < mark && lease.used >= mark) this.onThreshold(lease.keyId, lease.periodStart, threshold, lease.limit);
    }
  }

  /** Gives back the units of leases idle for IDLE_RETURN_MS (the timer), or all of them (`force`). */
  async returnIdle(now: number, { force = false } = {}): Promise<void> {
    const idle = [...this.leases.values()].filter((lease) => !lease.pending && (force || now - lease.lastSpent >= IDLE_RETURN_MS));
    await Promise.all(idle.map((lease) => this.release(lease)));
  }

  /** Units leased and not spent on this instance (for tests and the bench). */
  held(keyId: string): number {
    return this.leases.get(keyId)?.units ?? 0;
  }

  private release(lease: Lease): Promise<void> {
    this.leases.delete(lease.keyId);
    const units = lease.units;
    lease.units = 0;
    if (units === 0) return Promise.resolve();
    return this.store()
      .giveBack(lease.keyId, lease.periodStart, units)
      .catch((error) => console.error("quota: giving back leased units failed:", error instanceof Error ? error.message : error));
  }

  /** Past MAX_LEASES, the oldest leases (in the order they were made) give their units back. */
  private bound(): void {
    while (this.leases.size > MAX_LEASES) {
      const oldest = this.leases.values().next().value!;
      void this.release(oldest);
    }
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.returnIdle(Date.now()), IDLE_RETURN_MS);
    this.timer.unref();
  }
}

// ---- Stores ----------------------------------------------------------------------------------

export const QUOTA_REDIS_PREFIX = "latchkey:quota";

// KEYS[1]: the counter. ARGV: limit, want, expiry (ms). Returns {granted, used after}.
const LEASE_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local k = math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) - used)
if k <= 0 then return {0, used} end
used = redis.call('INCRBY', KEYS[1], k)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {k, used}`;

export function redisQuotaStore(redis: Redis, prefix = QUOTA_REDIS_PREFIX): QuotaStore {
  const key = (keyId: string, periodStart: number) => `${prefix}:${keyId}:${periodStart}`;
  return {
    async lease(keyId, periodStart, periodEnd, limit, want) {
      // Kept a day past the period, then gone: a refill is a new counter, never an addition.
      const ttl = Math.max(1, periodEnd - Date.now()) + 86_400_000;
      const [granted, used] = (await redis.eval(LEASE_SCRIPT, 1, key(keyId, periodStart), limit, want, ttl)) as [number, number];
      return { granted, used };
    },
    async giveBack(keyId, periodStart, units) {
      await redis.decrby(key(keyId, periodStart), units);
    },
  };
}
