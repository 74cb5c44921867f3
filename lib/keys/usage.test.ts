import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setImmediate as tick } from "node:timers/promises";
import { db } from "@/lib/db";
import { now, setClockOffsetForTests } from "@/lib/clock";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { GET as getMe } from "@/app/api/v1/me/route";
import { POST as createCampaign } from "@/app/api/v1/campaigns/route";
import { GET as getCampaign } from "@/app/api/v1/campaigns/[id]/route";
import { deleteKey } from "./service";
import { FLUSH_INTERVAL_MS } from "./last-used";
import { deleteOldUsage, hourOf, outcomeOf, RECENT_MAX, RECENT_PER_KEY, usage, type RecordedRequest } from "./usage";

const IP = "198.51.100.40";
const HOUR_MS = 3_600_000;
const noParams = { params: Promise.resolve({}) };

function request(secret: string, path: string, init: RequestInit = {}) {
  return new Request(`http://localhost/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${secret}`, "x-forwarded-for": IP, "content-type": "application/json" },
  });
}

const usageRows = (keyId: string) =>
  db().keyUsage.findMany({ where: { keyId }, orderBy: { hour: "asc" }, select: { hour: true, success: true, clientError: true, rateLimited: true, serverError: true } });

const aRequest = (keyId: string, extra: Partial<RecordedRequest> = {}): RecordedRequest => ({
  keyId,
  at: now(),
  method: "GET",
  path: "/api/v1/me",
  status: 200,
  ip: IP,
  requestId: "req-1",
  durationMs: 3,
  errorCode: null,
  userAgent: null,
  ...extra,
});

async function twoKeys() {
  const { project, ctx } = await aProject();
  const { key: first } = await aKey(ctx, project.id, "support");
  const { key: second } = await aKey(ctx, project.id, "editor");
  return { project, ctx, first: first.id, second: second.id };
}

beforeAll(() => {
  // Only the recorders' intervals are faked, so the tests decide when a flush runs.
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
});

afterEach(() => {
  vi.restoreAllMocks();
  setClockOffsetForTests(0);
});

afterAll(async () => {
  await usage.flush();
  vi.useRealTimers();
});

describe("usage recorder", () => {
  it("counts each outcome per key and hour from the real route handlers, and writes the requests without query string or secret", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "support");
    for (let i = 0; i < 5; i++) expect((await getMe(request(secret, "/me"), noParams)).status).toBe(200);
    // An unknown query parameter is refused (422), and its value, here the secret, is never written.
    expect((await getMe(request(secret, `/me?token=${secret}`), noParams)).status).toBe(422);
    for (let i = 0; i < 2; i++) expect((await createCampaign(request(secret, "/campaigns", { method: "POST", body: '{"name":"Sale"}' }), noParams)).status).toBe(403);
    expect((await getCampaign(request(secret, "/campaigns/nope"), { params: Promise.resolve({ id: "nope" }) })).status).toBe(404);
    expect(await usageRows(key.id)).toEqual([]);

    await usage.flush();
    expect(await usageRows(key.id)).toEqual([{ hour: hourOf(now()), success: 5, clientError: 4, rateLimited: 0, serverError: 0 }]);
    const requests = await db().keyRequest.findMany({ where: { keyId: key.id }, orderBy: { at: "asc" } });
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual([
      "GET /api/v1/campaigns/nope 404",
      ...Array(5).fill("GET /api/v1/me 200"),
      "GET /api/v1/me 422",
      ...Array(2).fill("POST /api/v1/campaigns 403"),
    ]);
    expect(requests.every((r) => r.ip === IP && r.requestId.length > 0 && r.durationMs >= 0)).toBe(true);
    expect(JSON.stringify(requests)).not.toContain(secret.slice(6));
    expect(usage.peek(key.id)).toEqual({ counts: [], permissions: [], requests: [] });
  });

  it("files 2xx and 3xx as success, 429 as rate limited, other 4xx as client errors and 5xx as server errors", async () => {
    expect([200, 201, 204, 302, 400, 401, 403, 404, 422, 429, 500, 503].map(outcomeOf)).toEqual([
      ...Array(4).fill("success"),
      ...Array(5).fill("clientError"),
      "rateLimited",
      "serverError",
      "serverError",
    ]);
    const { first } = await twoKeys();
    for (const status of [200, 302, 404, 422, 429, 429, 500]) usage.record(aRequest(first, { status }));
    await usage.flush();
    expect(await usageRows(first)).toEqual([{ hour: hourOf(now()), success: 2, clientError: 2, rateLimited: 2, serverError: 1 }]);
  });

  it("adds to the hour's row on later flushes, and starts a new row when the clock moves an hour", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "client");
    await getMe(request(secret, "/me"), noParams);
    await usage.flush();
    await getMe(request(secret, "/me"), noParams);
    await usage.flush();
    const firstHour = hourOf(now());
    setClockOffsetForTests(HOUR_MS);
    await getMe(request(secret, "/me"), noParams);
    await usage.flush();
    expect(await usageRows(key.id)).toEqual([
      { hour: firstHour, success: 2, clientError: 0, rateLimited: 0, serverError: 0 },
      { hour: new Date(firstHour.getTime() + HOUR_MS), success: 1, clientError: 0, rateLimited: 0, serverError: 0 },
    ]);
  });

  it("keeps a batch whose write fails and writes it exactly once with the newer counts on the next flush", async () => {
    const { first } = await twoKeys();
    for (let i = 0; i < 3; i++) usage.record(aRequest(first, { requestId: `before-${i}` }));
    vi.spyOn(db(), "$transaction").mockRejectedValueOnce(new Error("Connection terminated"));
    await usage.flush();
    expect(await usageRows(first)).toEqual([]);
    expect(usage.peek(first).counts).toMatchObject([{ success: 3 }]);

    usage.record(aRequest(first, { requestId: "after", status: 500 }));
    await usage.flush();
    await usage.flush();
    expect(await usageRows(first)).toEqual([{ hour: hourOf(now()), success: 3, clientError: 0, rateLimited: 0, serverError: 1 }]);
    const ids = (await db().keyRequest.findMany({ where: { keyId: first }, orderBy: { at: "asc" } })).map((r) => r.requestId);
    expect(ids.sort()).toEqual(["after", "before-0", "before-1", "before-2"]);
  });

  it("writes the other keys' usage when a key was deleted before the flush", async () => {
    const { project, ctx, first, second } = await twoKeys();
    usage.record(aRequest(first));
    usage.record(aRequest(second));
    await deleteKey(project.id, first, ctx);
    await usage.flush();
    expect(await usageRows(second)).toMatchObject([{ success: 1 }]);
    expect(await db().keyRequest.count({ where: { keyId: second } })).toBe(1);
    expect(usage.peek(first)).toEqual({ counts: [], permissions: [], requests: [] });
  });

  it("retries without a key deleted between its existence check and the write", async () => {
    const { project, ctx, first, second } = await twoKeys();
    usage.record(aRequest(first));
    usage.record(aRequest(second));
    await deleteKey(project.id, first, ctx);
    // The check still sees the deleted key, so the write hits the foreign key.
    vi.spyOn(db().apiKey, "findMany").mockResolvedValueOnce([{ id: first }, { id: second }] as never);
    await usage.flush();
    expect(await usageRows(second)).toMatchObject([{ success: 1 }]);
    expect(usage.peek(first)).toEqual({ counts: [], permissions: [], requests: [] });
    expect(usage.peek(second)).toEqual({ counts: [], permissions: [], requests: [] });
  });

  it("keeps memory bounded: at most 20 recent requests per key and 10,000 in all, the newest, under 100,000 requests", async () => {
    const one = "bounded-one-key";
    for (let i = 0; i < 100_000; i++) usage.record(aRequest(one, { requestId: `r${i}` }));
    expect(usage.peek(one).requests.map((r) => r.requestId)).toEqual(Array.from({ length: RECENT_PER_KEY }, (_, i) => `r${100_000 - RECENT_PER_KEY + i}`));
    expect(usage.peek(one).counts).toMatchObject([{ success: 100_000 }]);

    for (let i = 0; i < 100_000; i++) usage.record(aRequest(`bounded-${i % 2_000}`, { requestId: `m${i}` }));
    expect(usage.bufferedRequests).toBeLessThanOrEqual(RECENT_MAX);
    expect(usage.peek("bounded-1999").requests.at(-1)?.requestId).toBe("m99999");
    expect(usage.peek(one).requests).toEqual([]); // the quietest key gave way first
    await usage.flush(); // none of these keys exist: nothing is written, and nothing is kept
    expect(usage.bufferedRequests).toBe(0);
  });

  it("truncates a long path to 200 characters", async () => {
    const { first } = await twoKeys();
    usage.record(aRequest(first, { path: `/api/v1/${"x".repeat(500)}` }));
    expect(usage.peek(first).requests[0].path).toHaveLength(200);
    await usage.flush();
  });

  it("flushes on its own within 10 seconds", async () => {
    const { first } = await twoKeys();
    usage.record(aRequest(first));
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    await tick();
    await usage.flush(); // waits for the flush the interval started
    expect(usage.peek(first).counts).toEqual([]);
    expect(await usageRows(first)).toMatchObject([{ success: 1 }]);
  });
});

describe("usage retention", () => {
  it("deletes requests older than 30 days and hourly counts older than 90 days, and nothing newer", async () => {
    const { first } = await twoKeys();
    const at = now();
    const daysAgo = (days: number) => new Date(at.getTime() - days * 24 * HOUR_MS);
    for (const days of [31, 29]) {
      await db().keyRequest.create({ data: { keyId: first, at: daysAgo(days), method: "GET", path: `/${days}`, status: 200, ip: null, requestId: `d${days}`, durationMs: 1 } });
    }
    for (const days of [91, 89, 31]) await db().keyUsage.create({ data: { keyId: first, hour: hourOf(daysAgo(days)), success: days } });
    await deleteOldUsage(at);
    expect((await db().keyRequest.findMany({ where: { keyId: first } })).map((r) => r.path)).toEqual(["/29"]);
    expect((await usageRows(first)).map((r) => r.success)).toEqual([89, 31]);
  });
});
