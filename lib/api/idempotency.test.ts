import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createClient, databaseUrl, db, type Db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { ABANDONED_AFTER_MS, claimRequest, deleteExpiredIdempotentRequests, IDEMPOTENCY_WINDOW_MS, type RequestFingerprint } from "./idempotency";

// The claim itself, on the engine under test: the unique index (keyId, idempotencyKey) lets exactly
// one request through, however many race for it and from however many instances. A second client
// with its own connection pool stands in for a second instance on the same database.

let keyId = "";
let otherInstance: Db;

beforeAll(async () => {
  const { project, ctx } = await aProject();
  keyId = (await aKey(ctx, project.id, "editor")).key.id;
  otherInstance = createClient(databaseUrl());
});

afterAll(() => otherInstance.$disconnect());

const request = (idempotencyKey = randomBytes(6).toString("hex")): RequestFingerprint => ({ keyId, idempotencyKey, method: "POST", path: "/api/v1/messages", bodyHash: "a".repeat(64) });
const HOUR = 3600_000;

/** 20 claims through each instance at once, all for one (key, Idempotency-Key). */
async function race(fingerprint: RequestFingerprint, at: Date) {
  const claims = await Promise.all(Array.from({ length: 40 }, (_, i) => claimRequest(i % 2 ? otherInstance : db(), fingerprint, at)));
  const outcomes = claims.map((c) => c.outcome);
  return { claimed: claims.filter((c) => c.outcome === "claimed"), count: (outcome: string) => outcomes.filter((o) => o === outcome).length };
}

describe("claiming an Idempotency-Key", () => {
  it("lets exactly one of 40 concurrent claims through two instances win; the rest see it in use", async () => {
    const fingerprint = request();
    const { claimed, count } = await race(fingerprint, new Date());
    expect(claimed).toHaveLength(1);
    expect(count("in_use")).toBe(39);
    expect(await db().idempotentRequest.count({ where: { keyId, idempotencyKey: fingerprint.idempotencyKey } })).toBe(1);
  });

  it("replays a completed claim to every instance, and calls another body a reuse", async () => {
    const fingerprint = request();
    const at = new Date();
    const first = await claimRequest(db(), fingerprint, at);
    if (first.outcome !== "claimed") throw new Error("expected a claim");
    await db().idempotentRequest.update({ where: { id: first.id }, data: { status: 201, responseBody: '{"id":"m1"}', responseHeaders: '{"content-type":"application/json"}', completedAt: at } });
    const { count } = await race(fingerprint, at);
    expect(count("replay")).toBe(40);
    expect(await claimRequest(otherInstance, fingerprint, at)).toEqual({ outcome: "replay", answer: { status: 201, body: '{"id":"m1"}', headers: { "content-type": "application/json" } } });
    expect((await claimRequest(otherInstance, { ...fingerprint, bodyHash: "b".repeat(64) }, at)).outcome).toBe("reused");
  });

  it("replaces a claim past the 24-hour window exactly once, however many race to replace it", async () => {
    const fingerprint = request();
    const at = new Date();
    const first = await claimRequest(db(), fingerprint, at);
    if (first.outcome !== "claimed") throw new Error("expected a claim");
    await db().idempotentRequest.update({ where: { id: first.id }, data: { status: 201, responseBody: "{}", responseHeaders: "{}", completedAt: at } });
    expect((await claimRequest(db(), fingerprint, new Date(at.getTime() + IDEMPOTENCY_WINDOW_MS - 1))).outcome).toBe("replay");
    const { claimed, count } = await race(fingerprint, new Date(at.getTime() + IDEMPOTENCY_WINDOW_MS));
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).not.toEqual(first);
    expect(count("in_use")).toBe(39);
    const rows = await db().idempotentRequest.findMany({ where: { keyId, idempotencyKey: fingerprint.idempotencyKey } });
    expect(rows.map((r) => [r.id, r.status])).toEqual([[(claimed[0] as { id: string }).id, null]]);
  });

  it("takes over a claim left unanswered (its process stopped) after ABANDONED_AFTER_MS, not before", async () => {
    const fingerprint = request();
    const at = new Date();
    const first = await claimRequest(db(), fingerprint, at);
    expect((await claimRequest(otherInstance, fingerprint, new Date(at.getTime() + ABANDONED_AFTER_MS - 1))).outcome).toBe("in_use");
    const second = await claimRequest(otherInstance, fingerprint, new Date(at.getTime() + ABANDONED_AFTER_MS));
    expect(second.outcome).toBe("claimed");
    expect(second).not.toEqual(first);
    // The late first request cannot overwrite the new claim: it settles by its own row's id.
    if (first.outcome !== "claimed") throw new Error("expected a claim");
    expect((await db().idempotentRequest.updateMany({ where: { id: first.id }, data: { status: 201 } })).count).toBe(0);
  });
});

describe("deleteExpiredIdempotentRequests (the every-minute job)", () => {
  it("deletes the claims older than 24 hours and keeps the younger ones", async () => {
    const at = new Date();
    const ages = { old: IDEMPOTENCY_WINDOW_MS + HOUR, justExpired: IDEMPOTENCY_WINDOW_MS, young: IDEMPOTENCY_WINDOW_MS - 1000, fresh: 0 };
    const ids: Record<string, string> = {};
    for (const [name, age] of Object.entries(ages)) {
      const claim = await claimRequest(db(), request(), new Date(at.getTime() - age));
      if (claim.outcome !== "claimed") throw new Error("expected a claim");
      ids[name] = claim.id;
    }
    expect(await deleteExpiredIdempotentRequests(at)).toBeGreaterThanOrEqual(2);
    const left = (await db().idempotentRequest.findMany({ where: { id: { in: Object.values(ids) } }, select: { id: true } })).map((r) => r.id);
    expect(left.sort()).toEqual([ids.young, ids.fresh].sort());
  });
});
