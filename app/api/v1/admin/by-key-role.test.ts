import { beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { aKey, aMember, aProject } from "@/lib/testing/fixtures";
import { createKey } from "@/lib/keys/service";
import type { AuditContext } from "@/lib/audit/record";
import { CUSTOM_RESOURCES, ROLE_INFO, type CustomPermissions } from "@/lib/permissions";
import * as keys from "@/app/api/v1/admin/keys/route";
import * as key from "@/app/api/v1/admin/keys/[id]/route";
import * as rotate from "@/app/api/v1/admin/keys/[id]/rotate/route";
import * as revoke from "@/app/api/v1/admin/keys/[id]/revoke/route";
import * as disable from "@/app/api/v1/admin/keys/[id]/disable/route";
import * as enable from "@/app/api/v1/admin/keys/[id]/enable/route";
import * as members from "@/app/api/v1/admin/members/route";
import * as member from "@/app/api/v1/admin/members/[id]/route";
import * as auditLog from "@/app/api/v1/admin/audit-log/route";

// Every admin API route (SPEC §7: [admin]) × every key role: only an admin key is served; every
// other key, a custom key granted every data permission there is included, gets 403
// insufficient_permissions and changes nothing. Written out by hand, not read from the role table.

const ROLES = ["client", "support", "editor", "admin", "custom"] as const;
type Role = (typeof ROLES)[number];
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Row = { handler: unknown; method: string; path: string; status: number; target?: "key" | "member"; body?: () => unknown };

const uid = () => randomBytes(5).toString("hex");

const ROUTES: Record<string, Row> = {
  "list keys": { handler: keys.GET, method: "GET", path: "/admin/keys", status: 200 },
  "read a key": { handler: key.GET, method: "GET", path: "/admin/keys/{id}", status: 200, target: "key" },
  "create a key": { handler: keys.POST, method: "POST", path: "/admin/keys", status: 201, body: () => ({ name: `Made ${uid()}`, role: "support", scope: "all" }) },
  "edit a key": { handler: key.PATCH, method: "PATCH", path: "/admin/keys/{id}", status: 200, target: "key", body: () => ({ name: "Renamed" }) },
  "rotate a key": { handler: rotate.POST, method: "POST", path: "/admin/keys/{id}/rotate", status: 201, target: "key", body: () => ({ grace: "1h" }) },
  "revoke a key": { handler: revoke.POST, method: "POST", path: "/admin/keys/{id}/revoke", status: 200, target: "key" },
  "disable a key": { handler: disable.POST, method: "POST", path: "/admin/keys/{id}/disable", status: 200, target: "key" },
  "enable a key": { handler: enable.POST, method: "POST", path: "/admin/keys/{id}/enable", status: 200, target: "key" },
  "delete a key": { handler: key.DELETE, method: "DELETE", path: "/admin/keys/{id}", status: 204, target: "key" },
  "list members": { handler: members.GET, method: "GET", path: "/admin/members", status: 200 },
  "read a member": { handler: member.GET, method: "GET", path: "/admin/members/{id}", status: 200, target: "member" },
  "add a member": { handler: members.POST, method: "POST", path: "/admin/members", status: 201, body: () => ({ email: `new-${uid()}@example.com`, role: "viewer" }) },
  "change a member's role": { handler: member.PATCH, method: "PATCH", path: "/admin/members/{id}", status: 200, target: "member", body: () => ({ role: "admin" }) },
  "remove a member": { handler: member.DELETE, method: "DELETE", path: "/admin/members/{id}", status: 204, target: "member" },
  "read the audit log": { handler: auditLog.GET, method: "GET", path: "/admin/audit-log", status: 200 },
};

let projectId = "";
let ctx: AuditContext;
const secrets = {} as Record<Role, string>;
const FULL_DATA: CustomPermissions = Object.fromEntries(CUSTOM_RESOURCES.map((r) => [r, "read_write"]));

beforeAll(async () => {
  const team = await aProject("Admin roles");
  projectId = team.project.id;
  ctx = team.ctx;
  for (const role of ROLES) {
    const made =
      role === "custom"
        ? await createKey(projectId, { name: "custom key", description: "", role: "custom", permissions: FULL_DATA, scope: "all", channels: [], expires: "never", expiresOn: "", rateLimit: null }, ctx)
        : await aKey(ctx, projectId, role, { name: `${role} key` });
    secrets[role] = made.secret;
  }
});

/** A fresh target: a support key, or a viewer's membership. */
async function target(kind: Row["target"]): Promise<string> {
  if (kind === "key") return (await aKey(ctx, projectId, "support", { name: `target ${uid()}` })).key.id;
  const person = await aMember(projectId, "viewer");
  return (await db().membership.findFirstOrThrow({ where: { userId: person.id, projectId } })).id;
}

/** What the admin API can change: keys, members, invitations and mail (not the audit log: refusals are audited). */
const snapshot = async () =>
  JSON.stringify([
    await db().apiKey.findMany({ where: { projectId }, orderBy: { id: "asc" }, omit: { lastUsedAt: true, lastUsedIp: true } }),
    await db().membership.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
    await db().invitation.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
    await db().mail.count(),
  ]);

function call(role: Role, row: Row, id?: string) {
  const body = row.body?.();
  return (row.handler as Handler)(
    new Request(`http://localhost/api/v1${row.path.replace("{id}", id ?? "")}`, {
      method: row.method,
      headers: { authorization: `Bearer ${secrets[role]}`, "content-type": "application/json", "x-forwarded-for": "198.51.100.60" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve<Record<string, string>>(id ? { id } : {}) },
  );
}

describe("every admin API route × every key role", () => {
  it("holds publishable client keys and secret keys of every other role", () => {
    expect(ROLES.map((r) => (r === "custom" ? "sk" : ROLE_INFO[r].kind))).toEqual(["pk", "sk", "sk", "sk", "sk"]);
    expect(secrets.client).toMatch(/^lk_pk_/);
  });

  const cases = Object.entries(ROUTES).flatMap(([name, row]) => ROLES.map((role) => ({ name, row, role })));
  it.each(cases.map((c) => [c.role === "admin" ? `an admin key may ${c.name}` : `a ${c.role} key may not ${c.name}`, c] as const))("%s", async (_, { row, role }) => {
    const id = row.target ? await target(row.target) : undefined;
    const before = await snapshot();
    const res = await call(role, row, id);
    if (role === "admin") {
      expect(res.status, await res.clone().text()).toBe(row.status);
      return;
    }
    const body = await res.json();
    expect([res.status, body.error?.code], JSON.stringify(body)).toEqual([403, "insufficient_permissions"]);
    expect(await snapshot()).toBe(before);
  });
});
