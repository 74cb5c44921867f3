import { expect, type APIRequestContext } from "@playwright/test";

// Fixtures that go through the product, never into the server's database file: the /api/v1 admin
// API with an admin key the spec created in the dashboard (support.ts createKey).

export type ApiKeyFields = { name: string; role: "admin" | "editor" | "support" | "client"; scope?: "all" | "channels"; channels?: string[] };

/** The admin API of the project `adminKey` belongs to. */
export function adminApi(request: APIRequestContext, adminKey: string) {
  const headers = { Authorization: `Bearer ${adminKey}` };
  const created = async (path: string, data: unknown, status = 201): Promise<{ id: string }> => {
    const res = await request.post(path, { headers, data });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(status);
    return (await res.json()) as { id: string };
  };
  return {
    /** The key's project: its id and slug. */
    async project(): Promise<{ id: string; slug: string }> {
      const res = await request.get("/api/v1/me", { headers });
      expect(res.status(), await res.text()).toBe(200);
      const { project } = (await res.json()) as { project: { id: string; slug: string } };
      return { id: project.id, slug: project.slug };
    },
    channel: (slug: string) => created("/api/v1/channels", { name: slug[0].toUpperCase() + slug.slice(1), slug }),
    user: (externalId: string, email: string) => created("/api/v1/users", { externalId, name: externalId.toUpperCase(), email }),
    subscribe: (userId: string, channel: string) => created("/api/v1/subscriptions", { userId, channel }),
    /** A new key; returns its id and its secret. */
    async createKey(fields: ApiKeyFields): Promise<{ id: string; secret: string }> {
      const res = await request.post("/api/v1/admin/keys", { headers, data: { scope: "all", ...fields } });
      expect(res.status(), await res.text()).toBe(201);
      const { id, secret } = (await res.json()) as { id: string; secret: string };
      return { id, secret };
    },
    async revokeKey(id: string): Promise<void> {
      const res = await request.post(`/api/v1/admin/keys/${id}/revoke`, { headers });
      expect(res.status(), await res.text()).toBe(200);
    },
  };
}
