import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { aChannel, aMember, aProject } from "@/lib/testing/fixtures";
import type { SessionUser } from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requestMeta: async () => ({ ip: "198.51.100.4", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { renameChannelAction, currentChannelAction } = await import("./actions");

beforeEach(() => {
  session.user = null;
});

describe("the Rename channel form is conflict-safe (SPEC §6)", () => {
  it("refuses a rename over one made since the form was opened, naming who made it, and keeps that name", async () => {
    const { project, ctx, userId, email } = await aProject();
    const channel = await aChannel(ctx, project.id, "news");
    const { version } = await db().channel.findUniqueOrThrow({ where: { id: channel.id }, select: { version: true } });
    const other = await aMember(project.id, "admin");
    session.user = other;
    expect(await renameChannelAction(null, { projectSlug: project.slug, id: channel.id, version, name: "Newsletter" })).toMatchObject({ ok: true });

    session.user = { id: userId, email, name: "Owner" };
    const stale = await renameChannelAction(null, { projectSlug: project.slug, id: channel.id, version, name: "Press" });
    expect(stale).toMatchObject({ ok: false, error: { code: "precondition_failed", conflict: { by: other.email } } });
    if (!stale.ok) expect(stale.error.message).toMatch(/^This channel changed since you opened it/);
    expect(await db().channel.findUniqueOrThrow({ where: { id: channel.id }, select: { name: true } })).toEqual({ name: "Newsletter" });

    const reloaded = await currentChannelAction(null, { projectSlug: project.slug, id: channel.id });
    expect(reloaded).toMatchObject({ ok: true, data: { name: "Newsletter", version: version + 1 } });
    expect(await renameChannelAction(null, { projectSlug: project.slug, id: channel.id, version: version + 1, name: "Press" })).toMatchObject({ ok: true });
    expect(await db().channel.findUniqueOrThrow({ where: { id: channel.id }, select: { name: true } })).toEqual({ name: "Press" });
  });
});
