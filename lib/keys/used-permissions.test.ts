import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setClockOffsetForTests } from "@/lib/clock";
import { aKey, aProject, refusal } from "@/lib/testing/fixtures";
import { ACTIONS, can, MIN_ROLE, type Action, type Resource } from "@/lib/permissions";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as listUsers } from "@/app/api/v1/users/route";
import { GET as listCampaigns, POST as createCampaign } from "@/app/api/v1/campaigns/route";
import { GET as listKeys } from "@/app/api/v1/admin/keys/route";
import { usage } from "./usage";
import { editKey } from "./edit";
import { permissionUse, reduceToUsed, reductionOf, usedPermissions } from "./used-permissions";

const noParams = { params: Promise.resolve({}) };
const DAY_MS = 86_400_000;

const call = (route: (req: Request, ctx: typeof noParams) => Promise<Response>, secret: string, path: string, init: RequestInit = {}) =>
  route(new Request(`http://localhost/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" } }), noParams).then((r) => r.status);

const storedUse = (keyId: string) => db().keyPermissionUsage.findMany({ where: { keyId }, orderBy: { permission: "asc" }, select: { permission: true, count: true } });

const keyRow = (id: string) => db().apiKey.findUniqueOrThrow({ where: { id }, select: { role: true, permissions: true, version: true } });

beforeAll(() => vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] }));
afterEach(() => setClockOffsetForTests(0));
afterAll(async () => {
  await usage.flush();
  vi.useRealTimers();
});

describe("used permissions", () => {
  it("counts each authorised permission per key and day in memory, and writes them with the usage batch", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "admin");
    expect(await call(listUsers, secret, "/users")).toBe(200);
    expect(await call(listUsers, secret, "/users")).toBe(200);
    expect(await call(createCampaign, secret, "/campaigns", { method: "POST", body: '{"name":"Sale"}' })).toBe(201);
    expect(await call(getMe, secret, "/me")).toBe(200); // needs no permission: not counted
    expect(await storedUse(key.id)).toEqual([]); // no write per request
    expect((await usedPermissions(project.id, key.id)).map((p) => `${p.resource}:${p.action}=${p.count}`)).toEqual(["campaigns:create=1", "users:read=2"]);

    await usage.flush();
    expect(await storedUse(key.id)).toEqual([
      { permission: "campaigns:create", count: 1 },
      { permission: "users:read", count: 2 },
    ]);
    expect(await call(listUsers, secret, "/users")).toBe(200);
    await usage.flush();
    expect(await storedUse(key.id)).toContainEqual({ permission: "users:read", count: 3 });
  });

  it("does not count a refused permission", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "support");
    expect(await call(createCampaign, secret, "/campaigns", { method: "POST", body: '{"name":"Sale"}' })).toBe(403);
    await usage.flush();
    expect(await storedUse(key.id)).toEqual([]);
    expect(await usedPermissions(project.id, key.id)).toEqual([]);
  });

  it("shows the last 30 days only, and nothing for another project's key", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "admin");
    setClockOffsetForTests(-31 * DAY_MS);
    expect(await call(listCampaigns, secret, "/campaigns")).toBe(200);
    setClockOffsetForTests(0);
    expect(await call(listUsers, secret, "/users")).toBe(200);
    await usage.flush();
    expect((await usedPermissions(project.id, key.id)).map((p) => `${p.resource}:${p.action}`)).toEqual(["users:read"]);
    const other = await aProject("Other");
    expect(await usedPermissions(other.project.id, key.id)).toEqual([]);
  });
});

describe("Reduce to what it used", () => {
  it("leaves a Custom key that can do exactly what the key did in the last 30 days and no more", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "admin");
    expect(await call(listUsers, secret, "/users")).toBe(200);
    expect(await call(createCampaign, secret, "/campaigns", { method: "POST", body: '{"name":"Sale"}' })).toBe(201);
    expect(await call(listCampaigns, secret, "/campaigns")).toBe(200);
    await usage.flush();

    const before = await permissionUse(project.id, { id: key.id, role: "admin", permissions: null });
    expect(before.neverUsed).toContainEqual({ resource: "users", action: "delete" });
    expect(before.neverUsed).not.toContainEqual({ resource: "users", action: "read" });
    expect(before.reduction.possible).toBe(true);

    const { version } = await keyRow(key.id);
    await reduceToUsed(project.id, key.id, version, ctx);
    const reduced = await keyRow(key.id);
    // Once reduced, the page offers it no more.
    const after = await permissionUse(project.id, { id: key.id, role: "custom", permissions: JSON.parse(reduced.permissions!) });
    expect(after.reduction.possible).toBe(false);
    expect(after.neverUsed).toEqual([
      { resource: "campaigns", action: "update" },
      { resource: "campaigns", action: "delete" },
    ]);
    expect(reduced.role).toBe("custom");
    expect(JSON.parse(reduced.permissions!)).toEqual({ campaigns: "read_write", users: "read" });

    // Everything it did still works, through the real routes...
    expect(await call(listUsers, secret, "/users")).toBe(200);
    expect(await call(createCampaign, secret, "/campaigns", { method: "POST", body: '{"name":"Again"}' })).toBe(201);
    expect(await call(listCampaigns, secret, "/campaigns")).toBe(200);
    // ...and nothing else: writing users and the admin API are refused.
    expect(await call(listKeys, secret, "/admin/keys")).toBe(403);
    expect(await call((await import("@/app/api/v1/users/route")).POST, secret, "/users", { method: "POST", body: '{"externalId":"u1"}' })).toBe(403);

    // Over the whole role table: allowed exactly where the resource was used in that direction.
    const used = new Set(["users:read", "campaigns:read", "campaigns:write"]);
    for (const resource of Object.keys(MIN_ROLE) as Resource[]) {
      for (const action of Object.keys(MIN_ROLE[resource]) as Action[]) {
        const direction = action === "read" ? "read" : "write";
        expect([resource, action, can("custom", { resource, action }, JSON.parse(reduced.permissions!)).allowed]).toEqual([resource, action, used.has(`${resource}:${direction}`)]);
      }
    }

    const audit = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "key.updated", targetId: key.id } });
    expect(JSON.parse(audit.changes!)).toMatchObject({ role: { from: "admin", to: "custom" }, permissions: { from: null, to: { campaigns: "read_write", users: "read" } } });
  });

  it("refuses a key never used, a publishable key, a key that used the admin API, and a stale version, changing nothing", async () => {
    const { project, ctx } = await aProject();
    const { key: unused } = await aKey(ctx, project.id, "editor");
    expect((await refusal(reduceToUsed(project.id, unused.id, 1, ctx))).message).toMatch(/not used in the last 30 days/);

    const { key: client, secret: clientSecret } = await aKey(ctx, project.id, "client");
    expect(await call((await import("@/app/api/v1/users/route")).POST, clientSecret, "/users", { method: "POST", body: '{"externalId":"u2"}' })).toBe(201);
    await usage.flush();
    expect((await refusal(reduceToUsed(project.id, client.id, 1, ctx))).message).toMatch(/publishable key/);

    const { key: admin, secret: adminSecret } = await aKey(ctx, project.id, "admin");
    expect(await call(listKeys, adminSecret, "/admin/keys")).toBe(200);
    await usage.flush();
    expect((await refusal(reduceToUsed(project.id, admin.id, 1, ctx))).message).toMatch(/admin API/);

    const { key: editor, secret: editorSecret } = await aKey(ctx, project.id, "editor");
    expect(await call(listUsers, editorSecret, "/users")).toBe(200);
    await usage.flush();
    await expect(reduceToUsed(project.id, editor.id, 0, ctx)).rejects.toThrow();

    for (const id of [unused.id, client.id, admin.id, editor.id]) expect((await keyRow(id)).permissions).toBeNull();
    expect((await db().auditEntry.count({ where: { projectId: project.id, action: "key.updated" } })) === 0).toBe(true);
  });

  // Red-team finding: an Editor key that only created users became a Custom key that could delete them.
  it("refuses a reduction that would allow anything the key cannot do now, and counts only what it still holds", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "editor");
    expect(await call((await import("@/app/api/v1/users/route")).POST, secret, "/users", { method: "POST", body: '{"externalId":"u9"}' })).toBe(201);
    await usage.flush();
    const use = await permissionUse(project.id, { id: key.id, role: "editor", permissions: null });
    expect(use.reduction).toEqual({ possible: false, reason: expect.stringContaining("could also delete users, which this key cannot") });
    expect((await refusal(reduceToUsed(project.id, key.id, 1, ctx))).message).toContain("could also delete users");
    expect((await keyRow(key.id)).role).toBe("editor");

    // Used tags as an Editor, then narrowed to Support: that use no longer counts.
    const { key: narrowed, secret: narrowedSecret } = await aKey(ctx, project.id, "editor", { name: "Narrowed" });
    expect(await call((await import("@/app/api/v1/tags/route")).POST, narrowedSecret, "/tags", { method: "POST", body: '{"name":"vip"}' })).toBe(201);
    expect(await call(listUsers, narrowedSecret, "/users")).toBe(200);
    await usage.flush();
    const { version } = await keyRow(narrowed.id);
    await editKey(project.id, { id: narrowed.id, version, role: "support" }, ctx);
    await reduceToUsed(project.id, narrowed.id, version + 1, ctx);
    expect(JSON.parse((await keyRow(narrowed.id)).permissions!)).toEqual({ users: "read" });
  });

  it("maps reads and writes of each resource to the least custom level", () => {
    const use = (...pairs: string[]) => pairs.map((p) => ({ resource: p.split(":")[0] as Resource, action: p.split(":")[1] as Action }));
    expect(reductionOf(use("events:create"))).toEqual({ possible: true, permissions: { events: "write" } });
    expect(reductionOf(use("tags:read", "tags:delete", "lists:update"))).toEqual({ possible: true, permissions: { tags: "read_write", lists: "write" } });
    expect(reductionOf([]).possible).toBe(false);
    expect(reductionOf(use("audit_log:read")).possible).toBe(false);
    expect(ACTIONS).toContain("delete");
  });
});
