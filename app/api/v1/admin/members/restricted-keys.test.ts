import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aChannel, aKey, aMember, aProject } from "@/lib/testing/fixtures";
import { POST as create } from "@/app/api/v1/admin/members/route";
import { PATCH as patch, DELETE as remove } from "@/app/api/v1/admin/members/[id]/route";

// SPEC §7: a key never grants more than it holds. An admin member can make an admin key with no
// channel scope and no rate limit, so an admin key held to channels or to a rate limit must not make
// (nor unmake) an admin member: it would climb out of its limits through the person it adds.

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (route: unknown, secret: string, { id = "", method = "POST", body }: { id?: string; method?: string; body?: unknown } = {}) =>
  (route as Route)(
    new Request(`http://localhost/api/v1/admin/members${id ? `/${id}` : ""}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.92" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve<Record<string, string>>(id ? { id } : {}) },
  );

const everything = async (projectId: string) => ({
  memberships: await db().membership.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
  invitations: await db().invitation.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
  audit: await db().auditEntry.count({ where: { projectId, action: { startsWith: "member." } } }),
  mail: await db().mail.count(),
});

async function aTeamWithRestrictedKeys() {
  const team = await aProject();
  const devices = await aChannel(team.ctx, team.project.id, "test-devices");
  const scoped = await aKey(team.ctx, team.project.id, "admin", { name: "Devices ops", scope: "channels", channels: [devices.id] });
  const limited = await aKey(team.ctx, team.project.id, "admin", { name: "Slow ops", rateLimit: 10 });
  const viewer = await aMember(team.project.id, "viewer");
  const colleague = await aMember(team.project.id, "admin");
  const membershipOf = (userId: string) => db().membership.findUniqueOrThrow({ where: { userId_projectId: { userId, projectId: team.project.id } } });
  return { ...team, keys: { scoped, limited }, viewer, colleague, membershipOf };
}

describe("an admin key held to channels or to a rate limit and the admin members", () => {
  it("cannot add, invite, promote, demote or remove an admin, and nothing changes", async () => {
    const { project, keys, viewer, colleague, membershipOf } = await aTeamWithRestrictedKeys();
    const person = await aProject("Someone else's");
    const invitation = await db().invitation.create({ data: { projectId: project.id, email: "admin-to-be@example.com", role: "admin" } });
    const before = await everything(project.id);
    for (const [name, key] of Object.entries(keys)) {
      const refusals = [
        await call(create, key.secret, { body: { email: person.email, role: "admin" } }),
        await call(create, key.secret, { body: { email: "new-admin@example.com", role: "admin" } }),
        await call(patch, key.secret, { id: (await membershipOf(viewer.id)).id, method: "PATCH", body: { role: "admin" } }),
        await call(patch, key.secret, { id: (await membershipOf(colleague.id)).id, method: "PATCH", body: { role: "viewer" } }),
        await call(remove, key.secret, { id: (await membershipOf(colleague.id)).id, method: "DELETE" }),
        await call(remove, key.secret, { id: invitation.id, method: "DELETE" }),
      ];
      for (const res of refusals) {
        const body = await res.json();
        expect({ name, status: res.status, code: body.error?.code }).toEqual({ name, status: 403, code: "insufficient_permissions" });
        expect(body.error.message).toMatch(/channel scope or a rate limit/);
      }
    }
    expect(await everything(project.id)).toEqual(before);
  });

  it("still adds and removes viewers, whose dashboard reads no more than the key's admin API does", async () => {
    const { project, keys } = await aTeamWithRestrictedKeys();
    const added = await call(create, keys.scoped.secret, { body: { email: "reader@example.com", role: "viewer" } });
    expect(added.status).toBe(201);
    const { id } = await added.json();
    expect((await call(remove, keys.limited.secret, { id, method: "DELETE" })).status).toBe(204);
    expect(await db().invitation.count({ where: { projectId: project.id } })).toBe(0);
  });
});
