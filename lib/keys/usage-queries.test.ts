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
  keyId, at, method: "GET", path: "/api/v1/me", status: 200, ip: "198.51.100.9", requestId: `r-${at.getTime()}`, durationMs: 2, ...extra,
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
    expect(await recentRequests(other.projectId, keyId)).toEqual([]);
    await usage.flush();
  });
});

describe("recent requests", () => {
  it("lists stored and not yet flushed requests together, newest first, up to the limit", async () => {
    const { projectId, keyId } = await aKeyWithProject();
    const start = now().getTime() - 60_000;
    for (let i = 0; i < 3; i++) usage.record(aRequest(keyId, new Date(start + i * 1000), { requestId: `stored-${i}` }));
    await usage.flush();
    usage.record(aRequest(keyId, new Date(start + 10_000), { requestId: "pending", status: 403, method: "POST", path: "/api/v1/campaigns" }));

    const listed = await recentRequests(projectId, keyId);
    expect(listed.map((r) => r.requestId)).toEqual(["pending", "stored-2", "stored-1", "stored-0"]);
    expect(listed[0]).toMatchObject({ method: "POST", path: "/api/v1/campaigns", status: 403, ip: "198.51.100.9" });
    expect(new Set(listed.map((r) => r.id)).size).toBe(4);
    expect((await recentRequests(projectId, keyId, 2)).map((r) => r.requestId)).toEqual(["pending", "stored-2"]);
    await usage.flush();
  });

  it("is empty for a key that was never used", async () => {
    const { projectId, keyId } = await aKeyWithProject();
    expect(await recentRequests(projectId, keyId)).toEqual([]);
  });
});
