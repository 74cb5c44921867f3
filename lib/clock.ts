// One clock for expiry and "last used", so tests can move time. The offset lives on globalThis:
// Next.js may load this module in several bundles of one process, and all must agree.
const holder = globalThis as unknown as { __latchkeyClockOffsetMs?: number };

export const now = (): Date => new Date(Date.now() + (holder.__latchkeyClockOffsetMs ?? 0));

export function setClockOffsetForTests(ms: number): void {
  holder.__latchkeyClockOffsetMs = ms;
}

/** The browser tests move a running server's clock; nothing else may (see app/api/test/clock). */
export const clockControlEnabled = (): boolean => process.env.LATCHKEY_TEST_CLOCK === "1";
