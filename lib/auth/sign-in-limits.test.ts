import { afterEach, describe, expect, it, vi } from "vitest";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { PER_IP, recordSuccessfulSignIn, SIGN_UPS_PER_IP, takeSignInAttempt, takeSignUpAttempt } from "./sign-in-limits";

// SPEC §13: limits never let a stranger lock an owner out. Attempts count per address and per
// (e-mail, address), with growing delays; an address already refused charges nothing to the e-mail.

const attempts = async (ip: string, email: string, times: number) => {
  const waits: number[] = [];
  for (let i = 0; i < times; i++) waits.push(await takeSignInAttempt(ip, email));
  return waits;
};

afterEach(() => vi.useRealTimers());

describe("sign-in limits", () => {
  it("lets an owner whose e-mail got ten wrong passwords from one address sign in at once from another", async () => {
    const owner = "owner-locked@example.com";
    await attempts("192.0.2.10", owner, 10);
    expect(await takeSignInAttempt("192.0.2.10", owner)).toBeGreaterThan(0);
    expect(await takeSignInAttempt("198.51.100.20", owner)).toBe(0);
  });

  it("charges nothing to the e-mail from an address that is already refused", async () => {
    const stranger = "198.51.100.9";
    const owner = "owner-spray@example.com";
    for (let i = 0; i < PER_IP.points; i++) expect(await takeSignInAttempt(stranger, `spray-${i}@example.com`)).toBe(0);
    // The address is used up: its attempts on the owner's e-mail are refused and never counted.
    for (let i = 0; i < 50; i++) expect(await takeSignInAttempt(stranger, owner)).toBeGreaterThan(0);
    expect(await takeSignInAttempt("198.51.100.10", "fresh@example.com")).toBe(0);
    // Had those 50 been counted for the e-mail (from any address), the owner would now wait.
    expect(await attempts("198.51.100.11", owner, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it("slows one e-mail from one address with growing delays, not a lock: five at once, then 30 s, 60 s, 120 s…", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const ip = "203.0.113.40";
    const email = "slow@example.com";
    expect(await attempts(ip, email, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(await takeSignInAttempt(ip, email)).toBe(30);
    vi.advanceTimersByTime(29_000);
    expect(await takeSignInAttempt(ip, email)).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(await takeSignInAttempt(ip, email)).toBe(0);
    expect(await takeSignInAttempt(ip, email)).toBe(60);
    vi.advanceTimersByTime(60_000);
    expect(await takeSignInAttempt(ip, email)).toBe(0);
    expect(await takeSignInAttempt(ip, email)).toBe(120);
    // Refused attempts while waiting do not make the wait longer.
    for (let i = 0; i < 10; i++) await takeSignInAttempt(ip, email);
    vi.advanceTimersByTime(120_000);
    expect(await takeSignInAttempt(ip, email)).toBe(0);
    expect(await takeSignInAttempt(ip, email)).toBe(240);
  });

  it("counts parallel attempts before any of them finishes: a burst gets the five free ones and no more", async () => {
    const waits = await Promise.all(Array.from({ length: 25 }, () => takeSignInAttempt("203.0.113.41", "burst@example.com")));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
  });

  it("blocks an address after thirty attempts, whatever the e-mail", async () => {
    const ip = "198.51.100.30";
    for (let i = 0; i < PER_IP.points; i++) expect(await takeSignInAttempt(ip, `spray-${i}@example.com`)).toBe(0);
    expect(await takeSignInAttempt(ip, "fresh@example.com")).toBeGreaterThan(0);
    expect(await takeSignInAttempt("198.51.100.31", "fresh2@example.com")).toBe(0);
  });

  it("counts an IPv6 client per /64, so rotating addresses inside it gains nothing", async () => {
    for (let i = 0; i < PER_IP.points; i++) expect(await takeSignInAttempt(`2001:db8:1:2::${(i + 1).toString(16)}`, `v6-${i}@example.com`)).toBe(0);
    expect(await takeSignInAttempt("2001:db8:1:2:ffff:1:2:3", "v6-next@example.com")).toBeGreaterThan(0);
    expect(await takeSignInAttempt("2001:db8:1:3::1", "v6-next@example.com")).toBe(0);
  });

  it("clears an e-mail's count from that address after a successful sign-in", async () => {
    const email = "forgetful@example.com";
    const ip = "203.0.114.1";
    await attempts(ip, email, 5);
    expect(await takeSignInAttempt(ip, email)).toBeGreaterThan(0);
    await recordSuccessfulSignIn(ip, email);
    expect(await attempts(ip, email, 5)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("sign-up limits", () => {
  it("allows ten sign-ups per address per hour", async () => {
    for (let i = 0; i < SIGN_UPS_PER_IP.points; i++) expect(await takeSignUpAttempt("192.0.2.60")).toBe(0);
    expect(await takeSignUpAttempt("192.0.2.60")).toBeGreaterThan(0);
    expect(await takeSignUpAttempt("192.0.2.61")).toBe(0);
  });
});

describe("sign-in limits under a flood", () => {
  // A forced collection, so the heap figures are what is retained, not garbage not yet collected.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const retained = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };

  it("retains nothing per attempt from one address: 30,000 distinct e-mails leave the heap flat", async () => {
    await attempts("192.0.2.249", "warm-up@example.com", 50);
    const before = retained();
    for (let i = 0; i < 30_000; i++) await takeSignInAttempt("192.0.2.250", `flood-${i}@example.com`);
    const grown = retained() - before;
    console.log(`sign-in flood: 30,000 distinct e-mails from one address retained ${(grown / 1024).toFixed(0)} KiB`);
    expect(grown).toBeLessThan(1024 * 1024);
  });
});
