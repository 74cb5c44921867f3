import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";

// "Last used" without a database write per request (SPEC §5): uses are coalesced in memory and
// written in one batch every few seconds, so the column is accurate to within 10 seconds.

export const FLUSH_INTERVAL_MS = 5_000;

type Use = { at: Date; ip: string | null };

class LastUsedRecorder {
  private pending = new Map<string, Use>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  record(keyId: string, ip: string | null, at = now()): void {
    this.pending.set(keyId, { at, ip });
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
      this.timer.unref();
    }
  }

  /** The newest use not yet written, so this process can show it before the flush. */
  peek(keyId: string): Use | undefined {
    return this.pending.get(keyId);
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = [...this.pending];
      this.pending.clear();
      try {
        await db().$transaction(
          batch.map(([id, use]) =>
            // Never backwards: another instance (or a retried batch) may already hold a newer use.
            db().apiKey.updateMany({
              where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: use.at } }] },
              data: { lastUsedAt: use.at, lastUsedIp: use.ip },
            }),
          ),
        );
      } catch {
        // Keep the uses for the next flush unless a newer one arrived meanwhile.
        for (const [id, use] of batch) if (!this.pending.has(id)) this.pending.set(id, use);
      }
    });
    return this.flushing;
  }
}

const holder = globalThis as unknown as { __latchkeyLastUsed?: LastUsedRecorder };
export const lastUsed = (holder.__latchkeyLastUsed ??= new LastUsedRecorder());
