import { describe, expect, it } from "vitest";
import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as campaigns from "@/app/api/v1/campaigns/route";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { DENIED_ENTRIES_PER_KEY_PER_MINUTE } from "@/lib/audit/denied";

const request = (url: string, method: string, key: string, body?: unknown) =>
  new Request(`http://localhost${url}`, { method, headers: { "x-api-key": key, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

describe("user upserts", () => {
  it("answers concurrent creates of one externalId with one 201 and the rest 200, making one user", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "client");
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => users.POST(request("/api/v1/users", "POST", secret, { externalId: "same", name: `n${i}` }), { params: Promise.resolve({}) })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(await db().contact.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("answers an empty PATCH with the user unchanged, not 404", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "admin");
    const created = await (await users.POST(request("/api/v1/users", "POST", secret, { externalId: "u1", name: "Ada" }), { params: Promise.resolve({}) })).json();
    const res = await user.PATCH(request(`/api/v1/users/${created.id}`, "PATCH", secret, {}), { params: Promise.resolve({ id: created.id }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: created.id, name: "Ada" });
    expect(created).not.toHaveProperty("projectId");
  });

  it("refuses a whitespace-only name", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await aKey(ctx, project.id, "editor");
    const res = await campaigns.POST(request("/api/v1/campaigns", "POST", secret, { name: "   " }), { params: Promise.resolve({}) });
    expect(res.status).toBe(422);
    expect(await db().record.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("audit entries for refused calls", () => {
  it("records a key's refusals, at most a bounded number a minute", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "client");
    for (let i = 0; i < DENIED_ENTRIES_PER_KEY_PER_MINUTE + 10; i++) {
      const res = await campaigns.POST(request("/api/v1/campaigns", "POST", secret, { name: "x" }), { params: Promise.resolve({}) });
      expect(res.status).toBe(403);
    }
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "api.denied", actorId: key.id } })).toBe(DENIED_ENTRIES_PER_KEY_PER_MINUTE);
  });
});
