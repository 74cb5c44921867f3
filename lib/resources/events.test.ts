import { describe, expect, it } from "vitest";
import { POST, GET } from "@/app/api/v1/events/route";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";

const call = (handler: typeof POST, key: string, body?: unknown, query = "") =>
  handler(
    new Request(`http://localhost/api/v1/events${query}`, {
      method: body ? "POST" : "GET",
      headers: { "x-api-key": key, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    }),
    { params: Promise.resolve({}) },
  );

describe("events", () => {
  it("takes a batch of 1000 in one write, and refuses 1001 writing nothing", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "client");
    const events = Array.from({ length: 1000 }, (_, i) => ({ name: "page_view", userExternalId: `u${i % 7}`, properties: { i } }));
    const ok = await call(POST, secret, { events });
    expect(ok.status).toBe(201);
    expect((await ok.json()).accepted).toBe(1000);
    expect(await db().event.count({ where: { projectId: project.id } })).toBe(1000);

    const tooMany = await call(POST, secret, { events: [...events, { name: "one more" }] });
    expect(tooMany.status).toBe(422);
    expect(await db().event.count({ where: { projectId: project.id } })).toBe(1000);
  });

  it("pages through events with limit and cursor, in order, without repeats", async () => {
    const { project, ctx } = await aProject();
    const writer = await aKey(ctx, project.id, "client");
    const reader = await aKey(ctx, project.id, "support");
    await call(POST, writer.secret, { events: Array.from({ length: 45 }, (_, i) => ({ name: `e${i}` })) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(GET, reader.secret, undefined, `?limit=20${cursor ? `&cursor=${cursor}` : ""}`);
      const body = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
      seen.push(...body.data.map((e) => e.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
  });
});

describe("event validation", () => {
  it("names the field that is wrong rather than a bare invalid input", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "client");
    const res = await call(POST, secret, { name: 5 });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.issues).toEqual([{ path: "name", message: "name must be a string" }]);
  });
});
