import "server-only";
import { db } from "@/lib/db";
import { limiters } from "@/lib/limits/factory";
import { QUOTA_REDIS_PREFIX, QuotaSpender, quotaPeriod, redisQuotaStore, type QuotaPeriod, type QuotaStore, type QuotaThreshold } from "./quota";
import { sendQuotaNotice } from "./quota-notices";
import { ensureQuotaPeriod } from "./quota-period";

/** The database as the shared counter: one row per key and period, leased by a conditional increment. */
export const databaseQuotaStore: QuotaStore = {
  async lease(keyId, periodStart, _periodEnd, limit, want) {
    const id = { keyId_periodStart: { keyId, periodStart: new Date(periodStart) } };
    await ensureQuotaPeriod(keyId, periodStart);
    for (let k = want; k > 0;) {
      // used + k <= limit, as one conditional write: concurrent leases can never pass the limit.
      const [written] = await db().keyQuotaPeriod.updateManyAndReturn({
        where: { keyId, periodStart: new Date(periodStart), used: { lte: limit - k } },
        data: { used: { increment: k } },
        select: { used: true },
      });
      if (written) return { granted: k, used: written.used };
      const row = await db().keyQuotaPeriod.findUniqueOrThrow({ where: id, select: { used: true } });
      k = Math.min(k, limit - row.used);
    }
    const row = await db().keyQuotaPeriod.findUniqueOrThrow({ where: id, select: { used: true } });
    return { granted: 0, used: Math.max(row.used, limit) };
  },
  async giveBack(keyId, periodStart, units) {
    await db().keyQuotaPeriod.updateMany({ where: { keyId, periodStart: new Date(periodStart), used: { gte: units } }, data: { used: { decrement: units } } });
  },
};

/**
 * What is left of a key's quota this period, for its page: the shared count (units leased to an
 * instance and not yet spent count as spent, so it may read a little low) and when it refills.
 */
export async function quotaLeft(keyId: string, limit: number, period: QuotaPeriod, at = Date.now()): Promise<{ left: number; refillsAt: Date }> {
  const { start, end } = quotaPeriod(period, at);
  await limiters().ready;
  const redis = limiters().redis();
  const used = redis
    ? Number((await redis.get(`${QUOTA_REDIS_PREFIX}:${keyId}:${start}`)) ?? 0)
    : ((await db().keyQuotaPeriod.findUnique({ where: { keyId_periodStart: { keyId, periodStart: new Date(start) } }, select: { used: true } }))?.used ?? 0);
  return { left: Math.max(0, limit - used), refillsAt: new Date(end) };
}

/**
 * Redis when REDIS_URL is set and it is up, the database otherwise. The first lease waits for the
 * first connection attempt, so an instance that has just started does not count in the database
 * what its peers count in Redis. While Redis is away the database counts instead: a quota can then
 * be passed by at most what was spent in Redis that period (said in the README).
 */
const sharedStore: QuotaStore = {
  async lease(...args) {
    await limiters().ready;
    const redis = limiters().redis();
    return (redis ? redisQuotaStore(redis) : databaseQuotaStore).lease(...args);
  },
  async giveBack(...args) {
    const redis = limiters().redis();
    return (redis ? redisQuotaStore(redis) : databaseQuotaStore).giveBack(...args);
  },
};
const currentStore = () => sharedStore;

const holder = globalThis as unknown as { __latchkeyQuota?: QuotaSpender };
export const quotaSpender = () =>
  (holder.__latchkeyQuota ??= new QuotaSpender(currentStore, (keyId: string, periodStart: number, threshold: QuotaThreshold, limit: number) => {
    sendQuotaNotice(keyId, periodStart, threshold, limit).catch((error) => console.error("quota: notice failed:", error instanceof Error ? error.message : error));
  }));
