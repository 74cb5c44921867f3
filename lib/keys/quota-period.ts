import "server-only";
import { db } from "@/lib/db";

/**
 * The row of a key's period, made if missing (another request or instance may make it first).
 * A key deleted meanwhile leaves no row: the conditional writes that follow then change nothing.
 */
export async function ensureQuotaPeriod(keyId: string, periodStart: number): Promise<void> {
  await db()
    .keyQuotaPeriod.create({ data: { keyId, periodStart: new Date(periodStart) } })
    .catch((error: { code?: string }) => {
      if (error?.code !== "P2002" && error?.code !== "P2003") throw error;
    });
}
