import { beforeEach, describe, expect, it, vi } from "vitest";
import { aKey, aMember, aProject } from "@/lib/testing/fixtures";
import type { SessionUser } from "@/lib/auth/session";

// The dashboard table's read endpoint: any member may read; everyone else gets nothing.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => session.user }));

const { GET } = await import("./route");

const read = (slug: string, query = "") => GET(new Request(`http://localhost/p/${slug}/settings/audit-log/entries${query}`), { params: Promise.resolve({ slug }) });

beforeEach(() => {
  session.user = null;
});

describe("GET /p/<slug>/settings/audit-log/entries", () => {
  it("gives a viewer the filtered page and a cursor to the next one", async () => {
    const { project, ctx } = await aProject();
    for (const name of ["a", "b", "c"]) await aKey(ctx, project.id, "client", { name });
    session.user = await aMember(project.id, "viewer");
    const res = await read(project.slug, "?action=key.created&limit=2");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data.map((e: { action: string }) => e.action)).toEqual(["key.created", "key.created"]);
    expect(body.nextCursor).toEqual(expect.any(String));
    const next = await (await read(project.slug, `?action=key.created&limit=2&cursor=${body.nextCursor}`)).json();
    expect(next.data).toHaveLength(1);
    expect(next.nextCursor).toBeNull();
  });

  it("refuses a non-member with 404 and a signed-out caller with 401", async () => {
    const { project } = await aProject();
    const outsider = await aProject("Other");
    session.user = { id: outsider.userId, email: outsider.email, name: "Owner" };
    expect((await read(project.slug)).status).toBe(404);
    expect((await read("no-such-project")).status).toBe(404);
    session.user = null;
    expect((await read(project.slug)).status).toBe(401);
  });

  it("answers 422 with the field of each bad parameter", async () => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" };
    const res = await read(project.slug, "?limit=0&action=bad action");
    expect(res.status).toBe(422);
    const paths = (await res.json()).error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(["action", "limit"]);
  });
});
