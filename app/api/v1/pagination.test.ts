import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import * as users from "@/app/api/v1/users/route";
import * as channels from "@/app/api/v1/channels/route";
import * as keys from "@/app/api/v1/admin/keys/route";
import * as auditLog from "@/app/api/v1/admin/audit-log/route";
import * as me from "@/app/api/v1/me/route";
import * as openapi from "@/app/api/v1/openapi.json/route";

// SPEC §7 lists: {data, nextCursor, hasMore}; a cursor is opaque and only one the API issued for
// that very list is accepted (422 validation_failed, path "cursor", for any other); unknown query
// parameters are 422 naming the parameter.

type Get = (req: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>;
type Page = { data: { id: string }[]; nextCursor: string | null; hasMore: boolean };

let admin = "";
const IP = "198.51.100.140";
const get = (route: { GET: unknown }, path: string, secret = admin) =>
  (route.GET as Get)(new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${secret}`, "x-forwarded-for": IP } }), { params: Promise.resolve({}) });

async function issues(res: Response): Promise<string[]> {
  expect(res.status, await res.clone().text()).toBe(422);
  const body = await res.json();
  expect(body.error.code).toBe("validation_failed");
  return body.error.details.issues.map((i: { path: string }) => i.path);
}

beforeAll(async () => {
  const { project, ctx } = await aProject("Pages");
  admin = (await aKey(ctx, project.id, "admin")).secret;
  for (let i = 0; i < 3; i++) await aKey(ctx, project.id, "support"); // 4 keys in all
  await db().contact.createMany({ data: ["a", "b", "c", "d"].map((externalId) => ({ projectId: project.id, externalId })) });
});

describe("list pages", () => {
  it("end a total that is an exact multiple of the page size on a full page with hasMore false, not an empty page", async () => {
    for (const [route, path] of [
      [users, "/users"],
      [keys, "/admin/keys"],
    ] as const) {
      const first = (await (await get(route, `${path}?limit=2`)).json()) as Page;
      expect(first.data).toHaveLength(2);
      expect(first.hasMore).toBe(true);
      expect(first.nextCursor).toEqual(expect.any(String));
      const last = (await (await get(route, `${path}?limit=2&cursor=${first.nextCursor}`)).json()) as Page;
      expect(last.data).toHaveLength(2);
      expect(last).toMatchObject({ hasMore: false, nextCursor: null });
      expect(new Set([...first.data, ...last.data].map((r) => r.id)).size).toBe(4);
    }
  });

  it("say hasMore on the audit log too", async () => {
    const page = (await (await get(auditLog, "/admin/audit-log?limit=1")).json()) as Page;
    expect(page).toMatchObject({ hasMore: true, nextCursor: expect.any(String) });
    const all = (await (await get(auditLog, "/admin/audit-log?limit=100")).json()) as Page;
    expect(all).toMatchObject({ hasMore: false, nextCursor: null });
  });

  it("refuse a cursor the API did not issue: made up, an id, truncated, edited, or from another list", async () => {
    const usersPage = (await (await get(users, "/users?limit=1")).json()) as Page;
    const cursor = usersPage.nextCursor!;
    const edited = (cursor[0] === "A" ? "B" : "A") + cursor.slice(1);
    for (const bad of ["zzz", "0", usersPage.data[0].id, cursor.slice(0, -2), edited, `${cursor}A`]) {
      expect(await issues(await get(users, `/users?cursor=${bad}`)), bad).toEqual(["cursor"]);
    }
    // The same position signed for one list is refused by every other list.
    expect(await issues(await get(channels, `/channels?cursor=${cursor}`))).toEqual(["cursor"]);
    expect(await issues(await get(keys, `/admin/keys?cursor=${cursor}`))).toEqual(["cursor"]);
    expect(await issues(await get(auditLog, `/admin/audit-log?cursor=${cursor}`))).toEqual(["cursor"]);
    const auditCursor = ((await (await get(auditLog, "/admin/audit-log?limit=1")).json()) as Page).nextCursor!;
    expect(await issues(await get(users, `/users?cursor=${auditCursor}`))).toEqual(["cursor"]);
  });
});

describe("unknown query parameters", () => {
  it("are 422 naming the parameter on lists, the audit log and routes that read none", async () => {
    expect(await issues(await get(users, "/users?limt=5"))).toEqual(["limt"]);
    expect(await issues(await get(keys, "/admin/keys?limit=5&expand=secret"))).toEqual(["expand"]);
    expect(await issues(await get(auditLog, "/admin/audit-log?action=key.&verb=x"))).toEqual(["verb"]);
    expect(await issues(await get(me, "/me?limit=1"))).toEqual(["limit"]);
    expect(await issues(await (openapi.GET as Get)(new Request("http://localhost/api/v1/openapi.json?format=yaml"), { params: Promise.resolve({}) }))).toEqual(["format"]);
  });

  it("are 422 when a known one is repeated", async () => {
    expect(await issues(await get(users, "/users?limit=1&limit=2"))).toEqual(["limit"]);
  });

  it("let the known ones through", async () => {
    expect((await get(users, "/users?limit=1")).status).toBe(200);
    expect((await get(auditLog, "/admin/audit-log?action=key.&actor=x&from=2025-01-01&to=2099-01-01&limit=5")).status).toBe(200);
  });
});
