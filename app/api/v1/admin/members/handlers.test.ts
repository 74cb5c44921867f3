import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aMember, aProject } from "@/lib/testing/fixtures";
import { HOURLY_CAPS } from "@/lib/hourly-caps";
import { GET as list, POST as create } from "@/app/api/v1/admin/members/route";
import { GET as getOne, PATCH as patch, DELETE as remove } from "@/app/api/v1/admin/members/[id]/route";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (
  route: unknown,
  secret: string,
  { id = "", method = "GET", body, query = "", headers = {} }: { id?: string; method?: string; body?: unknown; query?: string; headers?: Record<string, string> } = {},
) =>
  (route as Route)(
    new Request(`http://localhost/api/v1/admin/members${id ? `/${id}` : ""}${query}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.91", "user-agent": "members-test", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve<Record<string, string>>(id ? { id } : {}) },
  );
const errorOf = async (res: Response) => [res.status, (await res.json()).error?.code];

/** A project with its owner, an admin key, a viewer and an admin member. */
async function aTeam() {
  const team = await aProject();
  const admin = await aKey(team.ctx, team.project.id, "admin", { name: "Provisioner" });
  const viewer = await aMember(team.project.id, "viewer");
  const colleague = await aMember(team.project.id, "admin");
  const membershipOf = (userId: string) => db().membership.findUniqueOrThrow({ where: { userId_projectId: { userId, projectId: team.project.id } } });
  return { ...team, admin, viewer, colleague, membershipOf, owner: await membershipOf(team.userId) };
}

const everything = async (projectId: string) => ({
  memberships: await db().membership.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
  invitations: await db().invitation.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
  audit: await db().auditEntry.count({ where: { projectId, action: { startsWith: "member." } } }),
  mail: await db().mail.count(),
});

describe("the admin API for members: reading", () => {
  it("lists members and pending invitations in pages, and reads one by id", async () => {
    const { admin, owner, email } = await aTeam();
    const invited = await call(create, admin.secret, { method: "POST", body: { email: "newcomer@example.com", role: "viewer" } });
    const invitation = await invited.json();

    const first = await call(list, admin.secret, { query: "?limit=2" });
    expect(first.status).toBe(200);
    const page = await first.json();
    expect(page).toMatchObject({ hasMore: true, nextCursor: expect.any(String) });
    const rest = await (await call(list, admin.secret, { query: `?cursor=${page.nextCursor}` })).json();
    const all = [...page.data, ...rest.data];
    expect(all.map((m: { id: string }) => m.id)).toEqual([...all.map((m: { id: string }) => m.id)].sort());
    expect(all).toHaveLength(4);
    expect(all).toContainEqual({ id: owner.id, email, name: "Owner", role: "owner", status: "member", createdAt: owner.createdAt.toISOString(), expiresAt: null });
    expect(all).toContainEqual(expect.objectContaining({ id: invitation.id, email: "newcomer@example.com", name: null, role: "viewer", status: "invited", expiresAt: expect.any(String) }));

    const one = await call(getOne, admin.secret, { id: owner.id });
    expect(await one.json()).toMatchObject({ id: owner.id, role: "owner", status: "member" });
    expect(await (await call(getOne, admin.secret, { id: invitation.id })).json()).toMatchObject({ status: "invited", role: "viewer" });
    expect(await errorOf(await call(getOne, admin.secret, { id: "no-such-member" }))).toEqual([404, "not_found"]);

    const other = await aProject("Elsewhere");
    const theirs = await db().membership.findFirstOrThrow({ where: { projectId: other.project.id } });
    expect(await errorOf(await call(getOne, admin.secret, { id: theirs.id }))).toEqual([404, "not_found"]);
    expect(await errorOf(await call(list, admin.secret, { query: "?cursor=forged" }))).toEqual([422, "validation_failed"]);
  });
});

describe("the admin API for members: provisioning by e-mail", () => {
  it("adds a person with a verified account at once, audited with the key as actor, and e-mails them", async () => {
    const { admin, project } = await aTeam();
    const person = await aProject("Their own");
    const mailBefore = await db().mail.count();

    const res = await call(create, admin.secret, { method: "POST", body: { email: person.email, role: "admin" } });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ email: person.email, role: "admin", status: "member", name: "Owner" });
    expect(res.headers.get("location")).toBe(`/api/v1/admin/members/${body.id}`);
    expect(await db().membership.findFirst({ where: { projectId: project.id, userId: person.userId } })).toMatchObject({ id: body.id, role: "admin" });
    const entry = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "member.added" } });
    expect(entry).toMatchObject({ actorType: "key", actorId: admin.key.id, actorLabel: "Provisioner", targetId: body.id, ip: "192.0.2.91", userAgent: "members-test" });
    const mail = await db().mail.findMany({ orderBy: { createdAt: "asc" }, skip: mailBefore });
    expect(mail.map((m) => m.recipient)).toEqual([person.email]);
  });

  it("invites anyone else by a mailed link that is never in the answer nor the audit log", async () => {
    const { admin, project } = await aTeam();
    const mailBefore = await db().mail.count();
    const res = await call(create, admin.secret, { method: "POST", body: { email: "Stranger@Example.com", role: "viewer" } });
    expect(res.status).toBe(201);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body).toMatchObject({ email: "stranger@example.com", role: "viewer", status: "invited", name: null, expiresAt: expect.any(String) });
    const invitation = await db().invitation.findFirstOrThrow({ where: { projectId: project.id, email: "stranger@example.com" } });
    expect(invitation).toMatchObject({ id: body.id, role: "viewer", invitedById: null });
    const [mail] = await db().mail.findMany({ orderBy: { createdAt: "asc" }, skip: mailBefore });
    expect(mail.recipient).toBe("stranger@example.com");
    const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9._~-]+/.exec(mail.body)?.[0];
    expect(link).toBeTruthy();
    const token = link!.split("/invite/")[1];
    expect(text).not.toContain(token);
    const entry = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "member.invited" } });
    expect(entry).toMatchObject({ actorType: "key", actorId: admin.key.id, targetId: body.id });
    expect(JSON.stringify(entry)).not.toContain(token);
  });

  it("replays an Idempotency-Key retry without a second invitation or mail", async () => {
    const { admin, project } = await aTeam();
    const send = () => call(create, admin.secret, { method: "POST", body: { email: "once@example.com", role: "viewer" }, headers: { "idempotency-key": "invite-once" } });
    const first = await send();
    const before = await everything(project.id);
    const again = await send();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await everything(project.id)).toEqual(before);
  });

  it("refuses bad bodies and people already there, changing nothing", async () => {
    const { admin, project, viewer } = await aTeam();
    await call(create, admin.secret, { method: "POST", body: { email: "pending@example.com", role: "viewer" } });
    const before = await everything(project.id);
    const cases: [unknown, number, string][] = [
      [{ email: "not an address", role: "viewer" }, 422, "validation_failed"],
      [{ email: "x@example.com", role: "superuser" }, 422, "validation_failed"],
      [{ email: "x@example.com", role: "viewer", link: true }, 422, "validation_failed"],
      [{ email: viewer.email, role: "viewer" }, 409, "conflict"],
      [{ email: "pending@example.com", role: "admin" }, 409, "conflict"],
    ];
    for (const [body, status, code] of cases) expect(await errorOf(await call(create, admin.secret, { method: "POST", body })), JSON.stringify(body)).toEqual([status, code]);
    expect(await everything(project.id)).toEqual(before);
  });

  it("counts the keys' invitations per project against the hourly cap: any key of the project is refused past it", async () => {
    const { admin, project, ctx } = await aTeam();
    const second = await aKey(ctx, project.id, "admin", { name: "Second" });
    await db().auditEntry.createMany({
      data: Array.from({ length: HOURLY_CAPS.invitations }, (_, i) => ({
        projectId: project.id,
        actorType: "key",
        actorId: i % 2 ? admin.key.id : second.key.id,
        actorLabel: "k",
        action: "member.invited",
      })),
    });
    // A key made after the cap was reached is refused too: a new key is no new allowance.
    const third = await aKey(ctx, project.id, "admin", { name: "Third" });
    const before = await everything(project.id);
    expect(await errorOf(await call(create, admin.secret, { method: "POST", body: { email: "late@example.com", role: "viewer" } }))).toEqual([429, "rate_limited"]);
    expect(await errorOf(await call(create, third.secret, { method: "POST", body: { email: "late@example.com", role: "viewer" } }))).toEqual([429, "rate_limited"]);
    expect(await everything(project.id)).toEqual(before);

    const other = await aProject("Unaffected");
    const theirs = await aKey(other.ctx, other.project.id, "admin");
    expect((await call(create, theirs.secret, { method: "POST", body: { email: "late@example.com", role: "viewer" } })).status).toBe(201);
  });
});

describe("the admin API for members: the owner rule and the last owner", () => {
  it("an admin key cannot invite or add an owner (403 insufficient_permissions), and nothing is written or mailed", async () => {
    const { admin, project } = await aTeam();
    const person = await aProject("Would-be owner");
    const before = await everything(project.id);
    for (const email of [person.email, "owner-to-be@example.com"]) {
      const res = await call(create, admin.secret, { method: "POST", body: { email, role: "owner" } });
      const body = await res.json();
      expect([res.status, body.error.code]).toEqual([403, "insufficient_permissions"]);
      expect(body.error.message).toMatch(/API key cannot add, change or remove an owner/);
    }
    expect(await everything(project.id)).toEqual(before);
  });

  it("changes a member's role, audited with the key as actor; never to or from owner", async () => {
    const { admin, project, viewer, colleague, owner, membershipOf } = await aTeam();
    const target = await membershipOf(viewer.id);
    const res = await call(patch, admin.secret, { id: target.id, method: "PATCH", body: { role: "admin" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: target.id, role: "admin", status: "member", email: viewer.email });
    expect((await membershipOf(viewer.id)).role).toBe("admin");
    const entry = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "member.role_changed" } });
    expect(entry).toMatchObject({ actorType: "key", actorId: admin.key.id, targetId: target.id });
    expect(JSON.parse(entry.changes!)).toEqual({ role: { from: "viewer", to: "admin" } });

    const before = await everything(project.id);
    const promote = await call(patch, admin.secret, { id: (await membershipOf(colleague.id)).id, method: "PATCH", body: { role: "owner" } });
    expect(await errorOf(promote)).toEqual([403, "insufficient_permissions"]);
    const demote = await call(patch, admin.secret, { id: owner.id, method: "PATCH", body: { role: "admin" } });
    expect(await errorOf(demote)).toEqual([403, "insufficient_permissions"]);
    expect(await everything(project.id)).toEqual(before);
  });

  it("removes a member and cancels an invitation (204, audited), but never removes an owner: the last owner stays", async () => {
    const { admin, project, viewer, owner, membershipOf } = await aTeam();
    const gone = await membershipOf(viewer.id);
    expect((await call(remove, admin.secret, { id: gone.id, method: "DELETE" })).status).toBe(204);
    expect(await db().membership.findUnique({ where: { id: gone.id } })).toBeNull();
    expect(await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "member.removed" } })).toMatchObject({ actorType: "key", actorId: admin.key.id, targetId: gone.id });

    const invited = await (await call(create, admin.secret, { method: "POST", body: { email: "cancel-me@example.com", role: "admin" } })).json();
    expect((await call(remove, admin.secret, { id: invited.id, method: "DELETE" })).status).toBe(204);
    expect(await db().invitation.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "invitation.cancelled" } })).toMatchObject({ actorType: "key", actorId: admin.key.id });

    const before = await everything(project.id);
    expect(await errorOf(await call(remove, admin.secret, { id: owner.id, method: "DELETE" }))).toEqual([403, "insufficient_permissions"]);
    // An owner's invitation, made in the dashboard: the key cannot cancel it either.
    const ownerInvite = await db().invitation.create({ data: { projectId: project.id, email: "co-owner@example.com", role: "owner" } });
    expect(await errorOf(await call(remove, admin.secret, { id: ownerInvite.id, method: "DELETE" }))).toEqual([403, "insufficient_permissions"]);
    expect(await errorOf(await call(patch, admin.secret, { id: ownerInvite.id, method: "PATCH", body: { role: "viewer" } }))).toEqual([409, "conflict"]);
    expect((await everything(project.id)).memberships).toEqual(before.memberships);
    expect(await db().membership.count({ where: { projectId: project.id, role: "owner" } })).toBe(1);

    const other = await aProject("Elsewhere");
    const theirs = await aMember(other.project.id, "viewer");
    const theirMembership = await db().membership.findFirstOrThrow({ where: { userId: theirs.id } });
    expect(await errorOf(await call(remove, admin.secret, { id: theirMembership.id, method: "DELETE" }))).toEqual([404, "not_found"]);
    expect(await errorOf(await call(patch, admin.secret, { id: theirMembership.id, method: "PATCH", body: { role: "admin" } }))).toEqual([404, "not_found"]);
    expect(await errorOf(await call(remove, admin.secret, { id: "no-such-member", method: "DELETE" }))).toEqual([404, "not_found"]);
  });
});
