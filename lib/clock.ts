// One clock for expiry and "last used", so tests can move time.
let offsetMs = 0;
export const now = (): Date => new Date(Date.now() + offsetMs);
export function setClockOffsetForTests(ms: number): void {
  offsetMs = ms;
}
