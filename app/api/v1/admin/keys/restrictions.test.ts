import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { POST as create } from "@/app/api/v1/admin/keys/route";
import { PATCH as patch } from "@/app/api/v1/admin/keys/[id]/route";

// SPEC §16: the admin API's key objects carry allowedIps, ipReportOnly, allowedOrigins, quota and
// quotaPeriod; bad values are 422 naming the field, and change nothing.

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (route: unknown, secret: string, body: unknown, id = "") =>
  (route as Route)(
    new Request(`http://localhost/api/v1/admin/keys/${id}`, {
      method: id ? "PATCH" : "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.90" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );

describe("restrictions in the admin API", () => {
  // Red-team finding: an admin key allowed only from one address created an admin key usable from anywhere.
  it("lets a restricted key grant only keys restricted as much, and register no OAuth client", async () => {
    const { project, ctx } = await aProject();
    const { key: holder, secret } = await aKey(ctx, project.id, "admin", { name: "Office admin" });
    await db().apiKey.update({ where: { id: holder.id }, data: { allowedIps: "192.0.2.0/24", quota: 50, quotaPeriod: "day" } });
    const before = await db().apiKey.count({ where: { projectId: project.id } });
    for (const body of [
      { role: "support" },
      { role: "support", allowedIps: ["192.0.2.0/24"] },
      { role: "support", allowedIps: ["192.0.2.0/16"], quota: 10, quotaPeriod: "day" },
      { role: "support", allowedIps: ["192.0.2.0/24"], ipReportOnly: true, quota: 10, quotaPeriod: "day" },
      { role: "support", allowedIps: ["192.0.2.7"], quota: 51, quotaPeriod: "day" },
      { role: "support", allowedIps: ["192.0.2.7"], quota: 10, quotaPeriod: "month" },
    ]) {
      const res = await call(create, secret, body);
      expect([JSON.stringify(body), res.status, (await res.json()).error?.code]).toEqual([JSON.stringify(body), 403, "insufficient_permissions"]);
    }
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(before);
    const within = await call(create, secret, { role: "support", allowedIps: ["192.0.2.7", "192.0.2.128/25"], quota: 50, quotaPeriod: "day" });
    expect(within.status).toBe(201);
    // Nor can it lift another key's limits.
    const lifted = await call(patch, secret, { allowedIps: [] }, (await within.json()).id);
    expect(lifted.status).toBe(403);

    const { POST: register } = await import("@/app/api/v1/oauth/register/route");
    const registered = await register(
      new Request("http://localhost/api/v1/oauth/register", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.90" },
        body: JSON.stringify({ client_name: "Escape", scope: "users:read" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(registered.status).toBe(403);
    expect(await db().oAuthClient.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("keeps a key's quota period when a PATCH changes only the quota", async () => {
    const { project, ctx } = await aProject();
    const { secret: admin } = await aKey(ctx, project.id, "admin");
    const created = await (await call(create, admin, { role: "support", quota: 5, quotaPeriod: "month" })).json();
    const res = await call(patch, admin, { quota: 7 }, created.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ quota: 7, quotaPeriod: "month" });
  });

  it("creates a key with restrictions, answers them normalised, and edits them with PATCH", async () => {
    const { project, ctx } = await aProject();
    const { secret: admin } = await aKey(ctx, project.id, "admin");
    const created = await call(create, admin, { name: "Office only", role: "support", allowedIps: ["203.0.113.9/24", "2001:DB8::/32"], ipReportOnly: true, quota: 5000, quotaPeriod: "month" });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ allowedIps: ["203.0.113.0/24", "2001:db8::/32"], ipReportOnly: true, allowedOrigins: [], quota: 5000, quotaPeriod: "month" });

    const edited = await call(patch, admin, { quota: null, ipReportOnly: false }, body.id);
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ allowedIps: ["203.0.113.0/24", "2001:db8::/32"], ipReportOnly: false, quota: null, quotaPeriod: null });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "key.updated", targetId: body.id } });
    expect(JSON.parse(audit.changes!)).toMatchObject({ quota: { from: 5000, to: null }, ipReportOnly: { from: true, to: false } });

    const browser = await call(create, admin, { name: "Shop", role: "client", allowedOrigins: ["https://Shop.example.com/"] });
    expect((await browser.json()).allowedOrigins).toEqual(["https://shop.example.com"]);
  });

  it("refuses bad restrictions with 422 naming the field, and creates or changes nothing", async () => {
    const { project, ctx } = await aProject();
    const { secret: admin } = await aKey(ctx, project.id, "admin");
    const { key } = await aKey(ctx, project.id, "support");
    const before = await db().apiKey.count({ where: { projectId: project.id } });
    const cases: [unknown, string][] = [
      [{ role: "support", allowedIps: ["10.0.0.0/33"] }, "allowedIps"],
      [{ role: "support", allowedIps: "10.0.0.0/8" }, "allowedIps"],
      [{ role: "support", allowedIps: Array.from({ length: 10_000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`) }, "allowedIps"],
      [{ role: "support", allowedIps: [42] }, "allowedIps.0"],
      [{ role: "support", ipReportOnly: true }, "ipReportOnly"],
      [{ role: "support", allowedOrigins: ["https://app.example.com"] }, "allowedOrigins"],
      [{ role: "client", allowedOrigins: ["null"] }, "allowedOrigins"],
      [{ role: "support", quota: 0, quotaPeriod: "day" }, "quota"],
      [{ role: "support", quota: 1e12, quotaPeriod: "day" }, "quota"],
      [{ role: "support", quota: 100 }, "quotaPeriod"],
      [{ role: "support", quota: 100, quotaPeriod: "year" }, "quotaPeriod"],
    ];
    for (const [body, field] of cases) {
      const res = await call(create, admin, body);
      const error = (await res.json()).error;
      expect([field, res.status, error.code]).toEqual([field, 422, "validation_failed"]);
      expect(error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(before);
    const res = await call(patch, admin, { allowedOrigins: ["https://app.example.com"] }, key.id);
    expect(res.status).toBe(422);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).allowedOrigins).toBe("");
  });
});
