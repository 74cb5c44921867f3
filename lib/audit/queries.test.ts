import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aProject } from "@/lib/testing/fixtures";
import { allAuditEntries, encodeCursor, listAuditActions, listAuditEntries } from "./queries";
import { parseAuditQuery, type AuditFilters } from "./schemas";

type Seed = { action: string; at: string; actorId?: string; actorLabel?: string; actorType?: string; changes?: string | null; id?: string };

/** A project whose log holds exactly `entries` (sign-up's own entry removed), at fixed times. */
async function projectWith(entries: Seed[]) {
  const { project } = await aProject();
  await db().auditEntry.deleteMany({ where: { projectId: project.id } });
  await db().auditEntry.createMany({
    data: entries.map((e) => ({
      ...(e.id ? { id: e.id } : {}),
      projectId: project.id,
      actorType: e.actorType ?? "user",
      actorId: e.actorId ?? "user_1",
      actorLabel: e.actorLabel ?? "ada@example.com",
      action: e.action,
      targetType: "api_key",
      targetId: "key_1",
      targetLabel: "Backend",
      ip: "203.0.113.9",
      userAgent: "vitest",
      changes: e.changes === undefined ? null : e.changes,
      createdAt: new Date(e.at),
    })),
  });
  return project;
}

const list = (projectId: string, filters: AuditFilters = {}, limit = 100, cursor?: string) => listAuditEntries(projectId, filters, { limit, cursor });
const actionsOf = (page: { data: { action: string }[] }) => page.data.map((e) => e.action);

/** Parses a query string the way every caller does, for filters written as a user would. */
function filters(query: string): AuditFilters {
  const parsed = parseAuditQuery(new URLSearchParams(query));
  if (!parsed.success) throw parsed.error;
  const { action, actor, from, to } = parsed.data;
  return { action, actor, from, to };
}

describe("listAuditEntries", () => {
  it("lists newest first and returns DTOs with the changes parsed", async () => {
    const project = await projectWith([
      { action: "key.created", at: "2025-01-01T10:00:00Z", changes: JSON.stringify({ name: "Backend", role: "editor" }) },
      { action: "key.revoked", at: "2025-01-01T11:00:00Z" },
      { action: "channel.created", at: "2025-01-01T09:00:00Z", changes: "not json" },
    ]);
    const page = await list(project.id);
    expect(actionsOf(page)).toEqual(["key.revoked", "key.created", "channel.created"]);
    expect(page.nextCursor).toBeNull();
    expect(page.data[1]).toEqual({
      id: expect.any(String),
      createdAt: "2025-01-01T10:00:00.000Z",
      action: "key.created",
      actor: { type: "user", id: "user_1", label: "ada@example.com" },
      target: { type: "api_key", id: "key_1", label: "Backend" },
      ip: "203.0.113.9",
      userAgent: "vitest",
      changes: { name: "Backend", role: "editor" },
    });
    expect(page.data[0].changes).toBeNull();
    expect(page.data[2].changes).toEqual({ value: "not json" });
  });

  it("answers an empty page for a range that ends before it starts", async () => {
    const project = await projectWith([{ action: "key.created", at: "2025-01-01T10:00:00Z" }]);
    const page = await list(project.id, { from: new Date("2025-01-02T00:00:00Z"), to: new Date("2025-01-01T00:00:00Z") });
    expect([page.data, page.nextCursor, page.hasMore]).toEqual([[], null, false]);
  });

  it('filters by an exact action, or by a prefix written as "key." or "key.*"', async () => {
    const project = await projectWith([
      { action: "key.created", at: "2025-01-01T10:00:00Z" },
      { action: "key.revoked", at: "2025-01-01T11:00:00Z" },
      { action: "keyring.created", at: "2025-01-01T12:00:00Z" },
      { action: "api.denied", at: "2025-01-01T13:00:00Z" },
    ]);
    expect(actionsOf(await list(project.id, filters("action=key.revoked")))).toEqual(["key.revoked"]);
    expect(actionsOf(await list(project.id, filters("action=key.")))).toEqual(["key.revoked", "key.created"]);
    expect(actionsOf(await list(project.id, filters("action=key.*")))).toEqual(["key.revoked", "key.created"]);
    expect(actionsOf(await list(project.id, filters("action=key")))).toEqual([]);
  });

  it("filters by actor id exactly, or by a part of the actor's label in any case", async () => {
    const project = await projectWith([
      { action: "key.created", at: "2025-01-01T10:00:00Z", actorId: "user_ada", actorLabel: "ada@example.com" },
      { action: "api.denied", at: "2025-01-01T11:00:00Z", actorType: "key", actorId: "key_42", actorLabel: "Billing backend" },
      { action: "key.revoked", at: "2025-01-01T12:00:00Z", actorId: "user_bo", actorLabel: "bo@example.com" },
    ]);
    expect(actionsOf(await list(project.id, filters("actor=key_42")))).toEqual(["api.denied"]);
    expect(actionsOf(await list(project.id, filters("actor=BILLING")))).toEqual(["api.denied"]);
    expect(actionsOf(await list(project.id, filters("actor=example.com")))).toEqual(["key.revoked", "key.created"]);
    expect(actionsOf(await list(project.id, filters("actor=key_4")))).toEqual([]);
  });

  it("filters by a time range that includes both ends; a bare date as the end covers that whole day", async () => {
    const project = await projectWith([
      { action: "a.before", at: "2025-01-01T09:59:59.999Z" },
      { action: "a.start", at: "2025-01-01T10:00:00Z" },
      { action: "a.end", at: "2025-01-01T12:00:00Z" },
      { action: "a.after", at: "2025-01-01T12:00:00.001Z" },
      { action: "a.next_day", at: "2025-01-02T00:00:00Z" },
    ]);
    expect(actionsOf(await list(project.id, filters("from=2025-01-01T10:00:00Z&to=2025-01-01T12:00:00Z")))).toEqual(["a.end", "a.start"]);
    expect(actionsOf(await list(project.id, filters("from=2025-01-01T13:00:00%2B01:00")))).toEqual(["a.next_day", "a.after", "a.end"]);
    expect(actionsOf(await list(project.id, filters("to=2025-01-01")))).toEqual(["a.after", "a.end", "a.start", "a.before"]);
    expect(actionsOf(await list(project.id, filters("action=a.&actor=ada&from=2025-01-01T11:00:00Z")))).toEqual(["a.next_day", "a.after", "a.end"]);
  });

  it("pages through entries with equal times without skipping or repeating any", async () => {
    const sameTime = "2025-03-01T08:00:00Z";
    const project = await projectWith([
      ...["e1", "e2", "e3", "e4", "e5"].map((id) => ({ id: `${id}_${Math.random().toString(36).slice(2, 8)}`, action: "key.updated", at: sameTime })),
      { action: "key.created", at: "2025-02-01T08:00:00Z" },
      { action: "key.deleted", at: "2025-04-01T08:00:00Z" },
    ]);
    const everything = (await list(project.id)).data.map((e) => e.id);
    const walked: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list(project.id, {}, 2, cursor);
      walked.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(walked).toEqual(everything);
    expect(walked).toHaveLength(7);
    expect(pages).toBe(4);
    // Ordered by time, then by id, both descending.
    const tied = (await list(project.id)).data.filter((e) => e.action === "key.updated").map((e) => e.id);
    expect(tied).toEqual([...tied].sort().reverse());
  });

  it("says there is no next page when the last page is exactly full", async () => {
    const project = await projectWith([
      { action: "x.one", at: "2025-01-01T10:00:00Z" },
      { action: "x.two", at: "2025-01-01T11:00:00Z" },
    ]);
    const page = await list(project.id, {}, 2);
    expect(page.data).toHaveLength(2);
    expect(page.nextCursor).toBeNull();
    const first = await list(project.id, {}, 1);
    expect(first.nextCursor).toBe(encodeCursor(first.data[0]));
  });

  it("never shows another project's entries, even with a cursor taken from that project", async () => {
    const mine = await projectWith([{ action: "key.created", at: "2025-01-01T10:00:00Z" }]);
    const theirs = await projectWith([
      { action: "key.revoked", at: "2025-01-01T12:00:00Z" },
      { action: "key.deleted", at: "2025-01-01T11:00:00Z" },
    ]);
    const theirFirst = await list(theirs.id, {}, 1);
    expect(actionsOf(await list(mine.id))).toEqual(["key.created"]);
    expect(actionsOf(await list(mine.id, {}, 10, theirFirst.nextCursor!))).toEqual(["key.created"]);
    expect(actionsOf(await list(mine.id, filters("action=key.revoked")))).toEqual([]);
  });
});

describe("allAuditEntries and listAuditActions", () => {
  it("reads every matching entry in batches, newest first", async () => {
    const project = await projectWith(Array.from({ length: 7 }, (_, i) => ({ action: i % 2 ? "key.created" : "api.denied", at: `2025-01-01T10:0${i}:00Z` })));
    const all: string[] = [];
    for await (const entry of allAuditEntries(project.id, {}, 3)) all.push(entry.createdAt);
    expect(all).toHaveLength(7);
    expect(all).toEqual([...all].sort().reverse());
    let denied = 0;
    for await (const entry of allAuditEntries(project.id, filters("action=api.denied"), 2)) denied += entry.action === "api.denied" ? 1 : 0;
    expect(denied).toBe(4);
  });

  it("lists the distinct actions of one project, sorted", async () => {
    const project = await projectWith([
      { action: "key.revoked", at: "2025-01-01T10:00:00Z" },
      { action: "api.denied", at: "2025-01-01T10:01:00Z" },
      { action: "key.revoked", at: "2025-01-01T10:02:00Z" },
    ]);
    await projectWith([{ action: "channel.created", at: "2025-01-01T10:00:00Z" }]);
    expect(await listAuditActions(project.id)).toEqual(["api.denied", "key.revoked"]);
  });
});

describe("parseAuditQuery", () => {
  const issues = (query: string) => {
    const parsed = parseAuditQuery(new URLSearchParams(query));
    return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
  };

  it("defaults the limit to 20 and treats blank filters as none", () => {
    const parsed = parseAuditQuery(new URLSearchParams("action=&actor=%20&from=&to="));
    expect(parsed.success && parsed.data).toEqual({ limit: 20 });
  });

  it("refuses a limit outside 1–100, a malformed cursor, action, or time; a range that ends before it starts is just empty", () => {
    expect(issues("limit=0")).toEqual(["limit"]);
    expect(issues("limit=101")).toEqual(["limit"]);
    expect(issues("limit=2.5")).toEqual(["limit"]);
    expect(issues("cursor=abc")).toEqual(["cursor"]);
    expect(issues("action=KEY.created")).toEqual(["action"]);
    expect(issues("action=key.*.x")).toEqual(["action"]);
    expect(issues("from=yesterday")).toEqual(["from"]);
    expect(issues("to=2025-01-01T10:00")).toEqual(["to"]); // no zone: ambiguous
    expect(issues("from=2025-01-02&to=2025-01-01T00:00:00Z")).toEqual([]);
    expect(issues("actor=a%00b")).toEqual(["actor"]);
  });
});

describe("audit cursors", () => {
  it("refuses a cursor whose time is out of range instead of starting over", async () => {
    const { parseAuditQuery } = await import("./schemas");
    const parsed = parseAuditQuery(new URLSearchParams({ cursor: "zzzzzzzzzzz_abc" }));
    expect(parsed.success).toBe(false);
  });
});
