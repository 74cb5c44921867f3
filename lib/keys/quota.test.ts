import { describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { QuotaSpender, quotaPeriod, type QuotaStore } from "./quota";

/** A shared counter like the real stores: a lease is one atomic step, after a little latency. */
function memoryStore() {
  const counters = new Map<string, number>();
  const calls = { lease: 0, giveBack: 0 };
  const store: QuotaStore = {
    async lease(keyId, periodStart, _end, limit, want) {
      calls.lease++;
      await sleep(Math.random() * 3);
      const id = `${keyId}:${periodStart}`;
      const used = counters.get(id) ?? 0;
      const granted = Math.max(0, Math.min(want, limit - used));
      counters.set(id, used + granted);
      return { granted, used: used + granted };
    },
    async giveBack(keyId, periodStart, units) {
      calls.giveBack++;
      const id = `${keyId}:${periodStart}`;
      counters.set(id, (counters.get(id) ?? 0) - units);
    },
  };
  return { store, counters, calls };
}

const T = Date.UTC(2026, 10, 26, 12);
const decide = async (value: ReturnType<QuotaSpender["spend"]>) => (value instanceof Promise ? await value : value);

describe("quota spending", () => {
  it("gives exactly N successes to 200 concurrent requests split across two instances, and no more", async () => {
    const { store, counters } = memoryStore();
    const a = new QuotaSpender(() => store);
    const b = new QuotaSpender(() => store);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => decide((i % 2 ? a : b).spend("k1", 100, "day", T))));
    expect(results.filter((r) => r.allowed)).toHaveLength(100);
    expect(counters.get(`k1:${quotaPeriod("day", T).start}`)).toBe(100);
  });

  it("never passes N however the requests are spread, and spends from memory between leases", async () => {
    const { store, calls } = memoryStore();
    const spenders = [new QuotaSpender(() => store), new QuotaSpender(() => store), new QuotaSpender(() => store)];
    let allowed = 0;
    for (let round = 0; round < 40; round++) {
      const batch = await Promise.all(Array.from({ length: 37 }, (_, i) => decide(spenders[(i * round) % 3].spend("k2", 1000, "month", T))));
      allowed += batch.filter((r) => r.allowed).length;
    }
    expect(allowed).toBe(1000);
    expect(calls.lease).toBeLessThan(1000 / 2); // blocks, not one shared write per request
  });

  it("answers from memory while units are held: a decrement, no promise", async () => {
    const { store } = memoryStore();
    const spender = new QuotaSpender(() => store);
    await decide(spender.spend("k3", 10_000, "day", T));
    expect(spender.held("k3")).toBeGreaterThan(0);
    const next = spender.spend("k3", 10_000, "day", T);
    expect(next).not.toBeInstanceOf(Promise);
    expect(next).toMatchObject({ allowed: true, resetAt: quotaPeriod("day", T).end });
  });

  it("refills at the start of the next period (a new count, not an addition)", async () => {
    const { store } = memoryStore();
    const spender = new QuotaSpender(() => store);
    for (let i = 0; i < 3; i++) expect((await decide(spender.spend("k4", 3, "day", T))).allowed).toBe(true);
    expect(await decide(spender.spend("k4", 3, "day", T))).toMatchObject({ allowed: false, remaining: 0 });
    const tomorrow = quotaPeriod("day", T).end + 1;
    for (let i = 0; i < 3; i++) expect((await decide(spender.spend("k4", 3, "day", tomorrow))).allowed).toBe(true);
    expect((await decide(spender.spend("k4", 3, "day", tomorrow))).allowed).toBe(false);
  });

  it("gives idle units back, so another instance can spend them", async () => {
    const { store } = memoryStore();
    const a = new QuotaSpender(() => store);
    const b = new QuotaSpender(() => store);
    expect((await decide(a.spend("k5", 20, "day", T))).allowed).toBe(true); // leases a block of 2
    const held = a.held("k5");
    expect(held).toBeGreaterThan(0);
    let fromB = 0;
    while ((await decide(b.spend("k5", 20, "day", T))).allowed) fromB++;
    expect(fromB).toBe(19 - held);
    await a.returnIdle(T, { force: true });
    // b asks the shared counter again once its recheck time has passed.
    let later = 0;
    while ((await decide(b.spend("k5", 20, "day", T + 5_000))).allowed) later++;
    expect(later).toBe(held);
  });

  it("tells about 80% and 100% once each per period", async () => {
    const { store } = memoryStore();
    const told: string[] = [];
    const spender = new QuotaSpender(
      () => store,
      (keyId, _start, threshold) => told.push(`${keyId}:${threshold}`),
    );
    for (let i = 0; i < 12; i++) await decide(spender.spend("k6", 10, "day", T));
    expect(told).toEqual(["k6:80", "k6:100"]);
  });

  it("starts a month on its first UTC day and a day at UTC midnight", () => {
    expect(quotaPeriod("month", Date.UTC(2026, 1, 28, 23))).toEqual({ start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) });
    expect(quotaPeriod("day", Date.UTC(2026, 11, 31, 23, 59))).toEqual({ start: Date.UTC(2026, 11, 31), end: Date.UTC(2027, 0, 1) });
  });
});
