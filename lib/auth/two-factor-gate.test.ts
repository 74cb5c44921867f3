import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { aKey, aMember, aProject } from "@/lib/testing/fixtures";
import { enrol } from "@/lib/testing/two-factor";
import type { SessionUser } from "./session";

// "Require two-factor for every member" at each of the dashboard's three doors, with the session
// of whoever the test says is signed in.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("./session", () => ({
  currentUser: async () => session.user,
  requestMeta: async () => ({ ip: "198.51.100.4", userAgent: "vitest" }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const { requireMember } = await import("./require-member");
const { projectAction } = await import("./project-action");
const { memberRoute } = await import("./member-route");
const { GET: me } = await import("@/app/api/v1/me/route");

const ping = projectAction(z.object({}), "viewer", async () => "pong");
const read = memberRoute("viewer", async () => Response.json({ ok: true }));
const redirectOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: { to?: string; message: string }) => e.to ?? e.message,
  );

async function aRequiringProject() {
  const team = await aProject("Strict Co");
  await db().project.update({ where: { id: team.project.id }, data: { requireTwoFactor: true } });
  const without = await aMember(team.project.id, "admin");
  const withIt = await aMember(team.project.id, "viewer");
  await enrol(withIt.id);
  return { ...team, without, withIt };
}

beforeEach(() => {
  session.user = null;
});

describe("a project that requires two-factor", () => {
  it("sends a member without two-factor from its pages to set it up, and lets one with it in", async () => {
    const { project, without, withIt } = await aRequiringProject();
    session.user = without;
    expect(await redirectOf(requireMember(project.slug))).toBe(`/account/two-factor?project=${project.slug}`);
    session.user = withIt;
    expect(await requireMember(project.slug)).toMatchObject({ project: { id: project.id }, role: "viewer" });
  });

  it("refuses the server actions and route handlers of a member without two-factor, with a clear message", async () => {
    const { project, without, withIt } = await aRequiringProject();
    session.user = without;
    expect(await ping(null, { projectSlug: project.slug })).toEqual({
      ok: false,
      error: { code: "two_factor_required", message: "This project requires two-factor sign-in. Turn it on for your account, then try again." },
    });
    const refused = await read(new Request("http://localhost/x"), { params: Promise.resolve({ slug: project.slug }) });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("two_factor_required");

    session.user = withIt;
    expect(await ping(null, { projectSlug: project.slug })).toEqual({ ok: true, data: "pong" });
    expect((await read(new Request("http://localhost/x"), { params: Promise.resolve({ slug: project.slug }) })).status).toBe(200);
  });

  it("still hides a project from a non-member (404, not a two-factor prompt)", async () => {
    const { project } = await aRequiringProject();
    const stranger = await aProject("Elsewhere");
    session.user = { id: stranger.userId, email: stranger.email, name: "Owner" };
    expect(await redirectOf(requireMember(project.slug))).toBe("NEXT_NOT_FOUND");
    expect(await ping(null, { projectSlug: project.slug })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("does not affect the project's API keys", async () => {
    const { project, ctx } = await aRequiringProject();
    const { secret } = await aKey(ctx, project.id, "editor");
    const res = await me(new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${secret}` } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
  });

  it("changes nothing for a project that does not require it", async () => {
    const { project, userId, email } = await aProject("Relaxed Co");
    session.user = { id: userId, email, name: "Owner" };
    expect(await requireMember(project.slug)).toMatchObject({ role: "owner" });
    expect(await ping(null, { projectSlug: project.slug })).toEqual({ ok: true, data: "pong" });
  });
});
