import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { aKey, aMember, aProject } from "@/lib/testing/fixtures";
import type { SessionUser } from "@/lib/auth/session";

// The export is a GET any signed-in page can link to: these tests call it as the browser would,
// with the session of whoever the test says is signed in.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => session.user }));

const { GET } = await import("./route");

const download = (slug: string, query = "") => GET(new Request(`http://localhost/p/${slug}/settings/audit-log/export${query}`), { params: Promise.resolve({ slug }) });

/** A minimal RFC 4180 reader, so the test checks what a spreadsheet would read. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

beforeEach(() => {
  session.user = null;
});

describe("GET /p/<slug>/settings/audit-log/export", () => {
  it("downloads the log as CSV with hostile text escaped and formulas defused", async () => {
    const { project, ctx } = await aProject();
    await aKey(ctx, project.id, "admin", { name: '=HYPERLINK("http://evil.example","Click")' });
    await db().auditEntry.create({
      data: {
        projectId: project.id,
        actorType: "key",
        actorId: "key_x",
        actorLabel: "@SUM(1+1)",
        action: "api.denied",
        targetType: "route",
        targetLabel: "GET /api/v1/users, then more",
        ip: "198.51.100.1",
        userAgent: 'curl "8.0"\nsecond line',
        changes: JSON.stringify({ code: "key_revoked" }),
      },
    });
    session.user = await aMember(project.id, "viewer");

    const res = await download(project.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="audit-log-${project.slug}-\\d{8}-\\d{4}\\.csv"$`));
    expect(res.headers.get("cache-control")).toBe("no-store");
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(["Time", "Actor type", "Actor ID", "Actor", "Action", "Target type", "Target ID", "Target", "IP", "User agent", "Details"]);
    expect(
      rows
        .slice(1)
        .map((r) => r[4])
        .sort(),
    ).toEqual(["api.denied", "key.created", "project.created"]);
    const denied = rows.find((r) => r[4] === "api.denied")!;
    expect(denied).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      "key",
      "key_x",
      "'@SUM(1+1)",
      "api.denied",
      "route",
      "",
      "GET /api/v1/users, then more",
      "198.51.100.1",
      'curl "8.0"\nsecond line',
      '{"code":"key_revoked"}',
    ]);
    const created = rows.find((r) => r[4] === "key.created")!;
    expect(created[7]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(created[10]).toMatch(/^\{"/); // what changed, as JSON
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("exports only the entries that match the filters", async () => {
    const { project, ctx, userId } = await aProject();
    await aKey(ctx, project.id, "client", { name: "One" });
    session.user = { id: userId, email: "owner@example.com", name: "Owner" };
    const rows = parseCsv(await (await download(project.slug, "?action=key.")).text());
    expect(rows.slice(1).map((r) => r[4])).toEqual(["key.created"]);
    const none = parseCsv(await (await download(project.slug, `?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).text());
    expect(none).toHaveLength(1);
  });

  it("refuses a signed-in user who is not a member with 404, and a signed-out caller with 401", async () => {
    const { project } = await aProject("Private");
    const other = await aProject("Elsewhere");
    session.user = { id: other.userId, email: other.email, name: "Owner" };
    const res = await download(project.slug);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toContain("project.created");
    expect(JSON.parse(text).error.code).toBe("not_found");

    session.user = null;
    const signedOut = await download(project.slug);
    expect(signedOut.status).toBe(401);
    expect((await signedOut.json()).error.code).toBe("unauthenticated");
  });

  it("answers 422 for filters that are not valid", async () => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    const res = await download(project.slug, "?to=not-a-date");
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.issues[0].path).toBe("to");
  });
});
