import "server-only";
import { db } from "@/lib/db";
import { limiters } from "@/lib/limits/factory";
import { QuotaSpender, redisQuotaStore, type QuotaStore, type QuotaThreshold } from "./quota";
import { sendQuotaNotice } from "./quota-notices";

/** The database as the shared counter: one row per key and period, leased by a conditional increment. */
export const databaseQuotaStore: QuotaStore = {
  async lease(keyId, periodStart, _periodEnd, limit, want) {
    const id = { keyId_periodStart: { keyId, periodStart: new Date(periodStart) } };
    await db()
      .keyQuotaPeriod.create({ data: { keyId, periodStart: new Date(periodStart) } })
      .catch((error: { code?: string }) => {
        if (error?.code !== "P2002") throw error; // already there (another request or instance made it)
      });
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

/** Redis while it is ready (when REDIS_URL is set), the database otherwise. */
function currentStore(): QuotaStore {
  const redis = limiters().redis();
  return redis ? redisQuotaStore(redis) : databaseQuotaStore;
}

const holder = globalThis as unknown as { __latchkeyQuota?: QuotaSpender };
export const quotaSpender = () =>
  (holder.__latchkeyQuota ??= new QuotaSpender(currentStore, (keyId: string, periodStart: number, threshold: QuotaThreshold, limit: number) => {
    sendQuotaNotice(keyId, periodStart, threshold, limit).catch((error) => console.error("quota: notice failed:", error instanceof Error ? error.message : error));
  }));
