import type { Prisma } from "@/lib/generated/sqlite/client";

// Stale and risky keys (SPEC §15): the flags the API Keys page shows as badges and filters by. Each
// flag is one rule written twice over the same fields, once as a database filter and once as a
// predicate on a row, and a test checks that both pick the same keys.

export const UNUSED_FOR_DAYS = 30;
export const EXPIRING_WITHIN_DAYS = 7;
const DAY_MS = 86_400_000;

export const KEY_FLAGS = ["never_used", "unused_30d", "expiring", "admin_no_expiry"] as const;
export type KeyFlag = (typeof KEY_FLAGS)[number];

export const KEY_FLAG_INFO: Record<KeyFlag, { filter: string; badge: string }> = {
  never_used: { filter: "Never used", badge: "Never used" },
  unused_30d: { filter: `Unused for ${UNUSED_FOR_DAYS} days`, badge: `Unused ${UNUSED_FOR_DAYS}+ days` },
  expiring: { filter: `Expiring within ${EXPIRING_WITHIN_DAYS} days`, badge: "Expires soon" },
  admin_no_expiry: { filter: "Admin without expiry", badge: "Admin, no expiry" },
};

export type FlaggableKey = { role: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null; disabledAt: Date | null };

/** Only a key that still works (or could again, once enabled) is stale or risky: not revoked, not expired. */
const live = (key: FlaggableKey, at: Date) => key.revokedAt === null && (key.expiresAt === null || key.expiresAt > at);

/** The flags of one key at `at`. A key never used shows "Never used" only, not also "Unused". */
export function keyFlags(key: FlaggableKey, at: Date): KeyFlag[] {
  if (!live(key, at)) return [];
  const cutoff = at.getTime() - UNUSED_FOR_DAYS * DAY_MS;
  const flags: KeyFlag[] = [];
  if (key.lastUsedAt === null) flags.push("never_used");
  if ((key.lastUsedAt ?? key.createdAt).getTime() < cutoff) flags.push("unused_30d");
  if (key.disabledAt === null && key.expiresAt !== null && key.expiresAt.getTime() <= at.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS) flags.push("expiring");
  if (key.role === "admin" && key.expiresAt === null) flags.push("admin_no_expiry");
  return flags;
}

/** The badges a row shows: every flag but "Unused" on a key that was never used. */
export const badgesOf = (flags: KeyFlag[]): KeyFlag[] => (flags.includes("never_used") ? flags.filter((f) => f !== "unused_30d") : flags);

/** Keys that have not expired at `at` (never expiring, or later). */
export const unexpiredAt = (at: Date): Prisma.ApiKeyWhereInput => ({ OR: [{ expiresAt: null }, { expiresAt: { gt: at } }] });

/** Keys with no request since `cutoff`: last used before it, or never used and created before it. */
export const unusedSince = (cutoff: Date): Prisma.ApiKeyWhereInput => ({ OR: [{ lastUsedAt: { lt: cutoff } }, { lastUsedAt: null, createdAt: { lt: cutoff } }] });

/** The database filter of one flag: the same keys as `keyFlags(key, at).includes(flag)`. */
export function flagWhere(flag: KeyFlag, at: Date): Prisma.ApiKeyWhereInput {
  const cutoff = new Date(at.getTime() - UNUSED_FOR_DAYS * DAY_MS);
  const isLive: Prisma.ApiKeyWhereInput = { revokedAt: null, ...unexpiredAt(at) };
  switch (flag) {
    case "never_used":
      return { ...isLive, lastUsedAt: null };
    case "unused_30d":
      return { AND: [isLive, unusedSince(cutoff)] };
    case "expiring":
      return { revokedAt: null, disabledAt: null, expiresAt: { gt: at, lte: new Date(at.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS) } };
    case "admin_no_expiry":
      return { revokedAt: null, role: "admin", expiresAt: null };
  }
}
