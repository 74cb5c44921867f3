import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { GET as getMe } from "@/app/api/v1/me/route";
import { lastUsed } from "./last-used";
import { usage } from "./usage";

// Many authenticated requests through the real route handler, with flushes racing them: every
// request is answered and counted exactly once (SPEC §5, issue 6 "done when").

const REQUESTS = 3_000;
const CONCURRENCY = 150;

it(`answers and counts all ${REQUESTS} concurrent requests of a key, with flushes running meanwhile`, async () => {
  const { project, ctx } = await aProject();
  const { key, secret } = await aKey(ctx, project.id, "client");
  const call = () =>
    getMe(new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${secret}`, "x-forwarded-for": "198.51.100.80" } }), {
      params: Promise.resolve({}),
    });

  const statuses: number[] = [];
  const flushes: Promise<void>[] = [];
  for (let sent = 0; sent < REQUESTS; sent += CONCURRENCY) {
    const batch = await Promise.all(Array.from({ length: CONCURRENCY }, call));
    statuses.push(...batch.map((response) => response.status));
    flushes.push(usage.flush(), lastUsed.flush()); // not awaited: they overlap the next batch
  }
  await Promise.all(flushes);
  await Promise.all([usage.flush(), lastUsed.flush()]);

  expect(statuses).toHaveLength(REQUESTS);
  expect(statuses.filter((status) => status !== 200)).toEqual([]);
  const counted = await db().keyUsage.aggregate({ where: { keyId: key.id }, _sum: { success: true, clientError: true, rateLimited: true, serverError: true } });
  expect(counted._sum).toEqual({ success: REQUESTS, clientError: 0, rateLimited: 0, serverError: 0 });
  const stored = await db().apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastUsedAt: true, lastUsedIp: true } });
  expect(stored.lastUsedAt).toBeInstanceOf(Date);
  expect(stored.lastUsedIp).toBe("198.51.100.80");
  const requests = await db().keyRequest.count({ where: { keyId: key.id } });
  expect(requests).toBeGreaterThan(0);
  expect(requests).toBeLessThan(REQUESTS); // a sample, not one row per request
});
