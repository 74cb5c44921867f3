import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import * as providers from "@/app/api/v1/providers/route";
import * as provider from "@/app/api/v1/providers/[id]/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as integration from "@/app/api/v1/integrations/[id]/route";

// Providers and integrations hold credentials in `config`. It is write-only through the API: every
// answer (GET one, list, POST, PATCH) names the fields set (`configKeys`), never their values.

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let secret = "";
const call = (route: unknown, { id, method = "GET", body }: { id?: string; method?: string; body?: unknown } = {}) =>
  (route as Route)(
    new Request(`http://localhost/api/v1/x${id ? `/${id}` : ""}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.92" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(id ? { id } : ({} as Record<string, string>)) },
  );

beforeAll(async () => {
  const { project, ctx } = await aProject();
  secret = (await aKey(ctx, project.id, "admin")).secret;
});

const KINDS = [
  { path: "providers", collection: providers, item: provider },
  { path: "integrations", collection: integrations, item: integration },
];

describe("connection secrets are never read back", () => {
  for (const { path, collection, item } of KINDS)
    it(`${path}: answers carry configKeys, not config; PATCH replaces the config`, async () => {
      const created = await call(collection.POST, { method: "POST", body: { name: "Mail", type: "smtp", config: { password: "hunter2-secret", host: "mail.example.com" } } });
      const text = await created.text();
      expect(created.status).toBe(201);
      expect(text).not.toContain("hunter2");
      const { id, ...body } = JSON.parse(text);
      expect(body).toMatchObject({ name: "Mail", type: "smtp", configKeys: ["host", "password"] });
      expect(body).not.toHaveProperty("config");

      for (const res of [await call(item.GET, { id }), await call(collection.GET)]) {
        const read = await res.text();
        expect(res.status).toBe(200);
        expect(read).not.toContain("hunter2");
        expect(read).not.toContain("mail.example.com");
        expect(read).toContain('"configKeys":["host","password"]');
        expect(read).not.toContain('"config"');
      }

      const patched = await call(item.PATCH, { id, method: "PATCH", body: { config: { token: "t0ken-secret" } } });
      const patchedText = await patched.text();
      expect(patchedText).not.toContain("t0ken");
      expect(JSON.parse(patchedText)).toMatchObject({ id, configKeys: ["token"] });
      const renamed = await (await call(item.PATCH, { id, method: "PATCH", body: { name: "Mail 2" } })).json();
      expect(renamed).toMatchObject({ name: "Mail 2", type: "smtp", configKeys: ["token"] });
      const stored = await db().record.findUniqueOrThrow({ where: { id } });
      expect(JSON.parse(stored.data)).toEqual({ type: "smtp", config: { token: "t0ken-secret" } });
    });
});
