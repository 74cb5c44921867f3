import { DomainError, StaleVersion } from "@/lib/errors";

// Writes conditional on a version (If-Match, a stale form, a read-merge-write): the rules shared by
// the services, the resource stores and the admin key handlers.

/** A version other than the `expected` ones (If-Match, a stale form) throws StaleVersion. */
export function checkVersion(current: { version: number }, expected: number[] | undefined): void {
  if (expected && !expected.includes(current.version)) throw new StaleVersion(current.version);
}

/**
 * After a write conditional on the version changed nothing: under a condition (`expected`), an
 * object still there has moved to another version (StaleVersion); otherwise it returns, the object
 * being gone (or, without a condition, the write's other guard refused), and the caller says why.
 */
export async function throwIfStale(expected: number[] | undefined, versionNow: () => Promise<{ version: number } | null>): Promise<void> {
  if (!expected) return;
  const row = await versionNow();
  if (row) throw new StaleVersion(row.version);
}

/** How often a read-merge-write runs again when other writes keep landing between its read and its write. */
export const MERGE_ATTEMPTS = 5;

/** What an attempt returns when another write landed between its read and its write. */
export const RACED = Symbol("raced");

/**
 * Runs `attempt` (told whether it is a retry, so it can read again) until it returns something
 * other than RACED; after MERGE_ATTEMPTS races, a 409 conflict naming `what` (e.g. "key").
 */
export async function retryWhileRaced<T>(what: string, attempt: (retry: boolean) => Promise<T | typeof RACED>): Promise<T> {
  for (let n = 1; n <= MERGE_ATTEMPTS; n++) {
    const result = await attempt(n > 1);
    if (result !== RACED) return result;
  }
  throw new DomainError("conflict", `Other requests keep changing this ${what} at the same moment; try again.`);
}
