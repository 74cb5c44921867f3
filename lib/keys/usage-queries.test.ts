import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { hourOf, usage, type RecordedRequest } from "./usage";
import { recentRequests, usageSeries } from "./usage-queries";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const total = (points: { success: number; clientError: number; rateLimited: number; serverError: number }[]) =>
  points.reduce((sum, p) => sum + p.success + p.clientError + p.rateLimited + p.serverError, 0);

async function aKeyWithProject() {
  const { project, ctx } = await aProject();
  const { key } = await aKey(ctx, project.id, "support");
  return { projectId: project.id, keyId: key.id };
}

const aRequest = (keyId: string, at: Date, extra: Partial<RecordedRequest> = {}): RecordedRequest => ({
  keyId,
  at,
  method: "GET",
  path: "/api/v1/me",
  status: 200,
  ip: "198.51.100.9",
  requestId: `r-${at.getTime()}`,
  durationMs: 2,
  errorCode: null,
  userAgent: null,
  ...extra,
});

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
});

afterAll(async () => {
  await usage.flush();
  vi.useRealTimers();
});

describe("usage series", () => {
  it("gives 24 hourly points, zero-filled, with stored and not yet flushed counts in their hour", async () => {
    const { projectId, keyId } = await aKeyWithProject();
    const thisHour = hourOf(now());
    await db().keyUsage.createMany({
      data: [
        { keyId, hour: new Date(thisHour.getTime() - 2 * HOUR_MS), success: 7, serverError: 1 },
        { keyId, hour: new Date(thisHour.getTime() - 24 * HOUR_MS), success: 100 }, // one hour too old
      ],
    });
    usage.record(aRequest(keyId, now(), { status: 429 }));
    usage.record(aRequest(keyId, now()));

    const series = await usageSeries(projectId, keyId, "24h");
    expect(series).toHaveLength(24);
    expect(series[23]).toEqual({ start: thisHour.toISOString(), success: 1, clientError: 0, rateLimited: 1, serverError: 0 });
    expect(series[21]).toEqual({ start: new Date(thisHour.getTime() - 2 * HOUR_MS).toISOString(), success: 7, clientError: 0, rateLimited: 0, serverError: 1 });
    expect(series[0].start).toBe(new Date(thisHour.getTime() - 23 * HOUR_MS).toISOString());
    expect(total(series)).toBe(10);

    await usage.flush();
    expect(await usageSeries(projectId, keyId, "24h")).toEqual(series); // the same, now from the database
  });

  it("gives 30 daily points in UTC, summing the hours of each day", async () => {
    const { projectId, keyId } = await aKeyWithProject();
    const today = Math.floor(now().getTime() / DAY_MS) * DAY_MS;
    await db().keyUsage.createMany({
      data: [
        { keyId, hour: new Date(today - 10 * DAY_MS), success: 3 },
        { keyId, hour: new Date(today - 10 * DAY_MS + 23 * HOUR_MS), clientError: 2 },
        { keyId, hour: new Date(today - 30 * DAY_MS), success: 50 }, // one day too old
      ],
    });
    usage.record(aRequest(keyId, now()));

    const series = await usageSeries(projectId, keyId, "30d");
    expect(series).toHaveLength(30);
    expect(series[0].start).toBe(new Date(today - 29 * DAY_MS).toISOString());
    expect(series[19]).toMatchObject({ start: new Date(today - 10 * DAY_MS).toISOString(), success: 3, clientError: 2 });
    expect(series[29]).toMatchObject({ start: new Date(today).toISOString(), success: 1 });
    expect(total(series)).toBe(6);
    await usage.flush();
  });

  it("shows nothing of a key to another project", async () => {
    const { keyId } = await aKeyWithProject();
    const other = await aKeyWithProject();
    await db().keyUsage.create({ data: { keyId, hour: hourOf(now()), success: 4 } });
    usage.record(aRequest(keyId, now()));
    expect(total(await usageSeries(other.projectId, keyId, "24h"))).toBe(0);
    expect((await recentRequests(other.projectId, keyId)).requests).toEqual([]);
    await usage.flush();
  });
});

describe("recent requests", () => {
  const ids = (page: { requests: { requestId: string }[] }) => page.requests.map((r) => r.requestId);

  it("lists stored and not yet flushed requests together, newest first, up to the page size", async () => {
    const { projectId, keyId } = await aKeyWithProject();
    const start = now().getTime() - 60_000;
    for (let i = 0; i < 3; i++) usage.record(aRequest(keyId, new Date(start + i * 1000), { requestId: `stored-${i}` }));
    await usage.flush();
    usage.record(aRequest(keyId, new Date(start + 10_000), { requestId: "pending", status: 403, method: "POST", path: "/api/v1/campaigns" }));

    const listed = await recentRequests(projectId, keyId);
    expect(ids(listed)).toEqual(["pending", "stored-2", "stored-1", "stored-0"]);
    expect(listed.requests[0]).toMatchObject({ method: "POST", path: "/api/v1/campaigns", status: 403, ip: "198.51.100.9" });
    expect(new Set(listed.requests.map((r) => r.id)).size).toBe(4);
    expect(listed).toMatchObject({ older: null, newer: null });
    expect(ids(await recentRequests(projectId, keyId, { limit: 2 }))).toEqual(["pending", "stored-2"]);
    await usage.flush();
  });

  it("is empty for a key that was never used", async () => {
    const { projectId, keyId } = await aKeyWithProject();
    expect(await recentRequests(projectId, keyId)).toEqual({ requests: [], older: null, newer: null });
  });

  it("filters by outcome, stored and not yet flushed alike, with 429 as rate limited and not as a client error", async () => {
    const { projectId, keyId } = await aKeyWithProject();
    const start = now().getTime() - 60_000;
    const statuses = [200, 201, 399, 400, 404, 428, 429, 430, 499, 500, 503];
    statuses.forEach((status, i) => usage.record(aRequest(keyId, new Date(start + i * 1000), { status, requestId: `s-${status}` })));
    await usage.flush();
    usage.record(aRequest(keyId, new Date(start + 20_000), { status: 401, requestId: "pending-401" }));
    usage.record(aRequest(keyId, new Date(start + 21_000), { status: 429, requestId: "pending-429" }));

    const statusesOf = async (outcome?: "success" | "clientError" | "rateLimited" | "serverError") => (await recentRequests(projectId, keyId, { outcome })).requests.map((r) => r.status);
    expect(await statusesOf("clientError")).toEqual([401, 499, 430, 428, 404, 400]);
    expect(await statusesOf("rateLimited")).toEqual([429, 429]);
    expect(await statusesOf("serverError")).toEqual([503, 500]);
    expect(await statusesOf("success")).toEqual([399, 201, 200]);
    expect(await statusesOf()).toHaveLength(statuses.length + 2);
    await usage.flush();
  });

  it("pages 25 at a time, newest first, with cursors to older and back to newer pages", async () => {
    const { projectId, keyId } = await aKeyWithProject();
    const start = now().getTime() - 3_600_000;
    // 60 requests, one a second; the last 5 not yet flushed (a key keeps at most 20 between flushes).
    for (let i = 0; i < 60; i++) {
      usage.record(aRequest(keyId, new Date(start + i * 1000), { requestId: `r-${String(i).padStart(2, "0")}` }));
      if (i % 20 === 19 || i === 54) await usage.flush();
    }
    const expected = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, k) => `r-${String(from - k).padStart(2, "0")}`);

    const first = await recentRequests(projectId, keyId);
    expect(ids(first)).toEqual(expected(59, 35));
    expect(first.newer).toBeNull();
    expect(first.older).toEqual(expect.any(String));

    const second = await recentRequests(projectId, keyId, { before: first.older! });
    expect(ids(second)).toEqual(expected(34, 10));
    const third = await recentRequests(projectId, keyId, { before: second.older! });
    expect(ids(third)).toEqual(expected(9, 0));
    expect(third.older).toBeNull();

    expect(ids(await recentRequests(projectId, keyId, { after: third.newer! }))).toEqual(expected(34, 10));
    const backToFirst = await recentRequests(projectId, keyId, { after: second.newer! });
    expect(backToFirst).toEqual(first);
    await usage.flush();
  });

  it("pages within an outcome filter", async () => {
    const { projectId, keyId } = await aKeyWithProject();
    const start = now().getTime() - 3_600_000;
    for (let i = 0; i < 60; i++) {
      usage.record(aRequest(keyId, new Date(start + i * 1000), { status: i % 2 ? 404 : 200, requestId: `r-${String(i).padStart(2, "0")}` }));
      if (i % 20 === 19) await usage.flush();
    }
    const first = await recentRequests(projectId, keyId, { outcome: "clientError" });
    expect(first.requests).toHaveLength(25);
    expect(first.requests.every((r) => r.status === 404)).toBe(true);
    const second = await recentRequests(projectId, keyId, { outcome: "clientError", before: first.older! });
    expect(ids(second)).toEqual(["r-09", "r-07", "r-05", "r-03", "r-01"]);
    expect(second.older).toBeNull();
  });

  it("ignores a cursor that is not one (a hand-edited address) and shows the newest page", async () => {
    const { projectId, keyId } = await aKeyWithProject();
    usage.record(aRequest(keyId, now(), { requestId: "only" }));
    expect(ids(await recentRequests(projectId, keyId, { before: "nonsense" }))).toEqual(["only"]);
    expect(ids(await recentRequests(projectId, keyId, { after: "9999999999999999999.x" }))).toEqual(["only"]);
    await usage.flush();
  });
});
