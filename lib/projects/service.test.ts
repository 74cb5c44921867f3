import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aMember, aProject, refusal } from "@/lib/testing/fixtures";
import { createProject, rememberProject } from "./service";
import { setClockOffsetForTests } from "@/lib/clock";
import { HOURLY_CAPS } from "@/lib/hourly-caps";
import { landingProjectSlug, membershipBySlug } from "./queries";

describe("projects", () => {
  it(`refuses a user's project after ${HOURLY_CAPS.projects} in an hour (the first, from sign-up, included) and changes nothing`, async () => {
    const { userId, ctx } = await aProject("Capped");
    for (let i = 1; i < HOURLY_CAPS.projects; i++) {
      const made = await createProject(userId, `Capped ${i}`, ctx);
      expect((await db().project.findUniqueOrThrow({ where: { id: made.id } })).createdById).toBe(userId);
    }
    const before = { projects: await db().project.count(), audit: await db().auditEntry.count() };
    const refused = await refusal(createProject(userId, "One too many", ctx));
    expect(refused.code).toBe("rate_limited");
    expect(refused.message).toMatch(/projects/i);
    expect({ projects: await db().project.count(), audit: await db().auditEntry.count() }).toEqual(before);
    // Someone else is not held back by this user's projects.
    const other = await aProject("Other");
    expect((await createProject(other.userId, "Theirs", other.ctx)).slug).toMatch(/^theirs/);
    setClockOffsetForTests(61 * 60_000);
    try {
      expect((await createProject(userId, "Next hour", ctx)).slug).toMatch(/^next-hour/);
    } finally {
      setClockOffsetForTests(0);
    }
  });

  it("creates a project owned by its creator, with its own slug when the name is taken", async () => {
    const { userId, ctx, project: first } = await aProject("Acme Rockets");
    const second = await createProject(userId, "Acme Rockets", ctx);
    expect(second.slug).not.toBe(first.slug);
    expect(second.slug).toMatch(/^acme-rockets-/);
    expect(await membershipBySlug(userId, second.slug)).toMatchObject({ role: "owner", project: { id: second.id } });
    expect(await db().auditEntry.count({ where: { projectId: second.id, action: "project.created" } })).toBe(1);
  });

  it("lands a user on the project they opened last", async () => {
    const { userId, ctx, project: first } = await aProject("First");
    const second = await createProject(userId, "Second", ctx);
    expect(await landingProjectSlug(userId)).toBe(second.slug);
    await rememberProject(userId, first.id);
    expect(await landingProjectSlug(userId)).toBe(first.slug);
  });

  it("remembers the project of a member who has never opened one before", async () => {
    const a = await aProject("Alpha");
    const b = await aProject("Beta");
    const member = await aMember(a.project.id, "viewer");
    await db().membership.create({ data: { userId: member.id, projectId: b.project.id, role: "viewer" } });
    expect((await db().user.findUniqueOrThrow({ where: { id: member.id } })).lastProjectId).toBeNull();
    await rememberProject(member.id, b.project.id);
    expect((await db().user.findUniqueOrThrow({ where: { id: member.id } })).lastProjectId).toBe(b.project.id);
    expect(await landingProjectSlug(member.id)).toBe(b.project.slug);
  });

  it("does not land a user on a remembered project they are no longer a member of", async () => {
    const { userId, project: mine } = await aProject("Mine");
    const theirs = await aProject("Theirs");
    await db().user.update({ where: { id: userId }, data: { lastProjectId: theirs.project.id } });
    expect(await landingProjectSlug(userId)).toBe(mine.slug);
    expect(await membershipBySlug(userId, theirs.project.slug)).toBeNull();
  });
});
