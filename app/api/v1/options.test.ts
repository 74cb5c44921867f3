import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { keyedRouteFiles, METHODS, V1, type Handler } from "@/lib/testing/v1-routes";

// F8: OPTIONS tells the truth. For every route file, the Allow of OPTIONS (204, no key needed)
// lists exactly the methods that do not answer 405, plus HEAD where GET is served and OPTIONS.
// A 405 names the same set.

const FILES = [...keyedRouteFiles().map((f) => f.file), path.join(V1, "openapi.json/route.ts"), path.resolve(V1, "../health/route.ts")];
let admin = "";

beforeAll(async () => {
  const { project, ctx } = await aProject("Options");
  admin = (await aKey(ctx, project.id, "admin")).secret;
});

const allowSet = (value: string | null) =>
  new Set(
    (value ?? "")
      .split(",")
      .map((m) => m.trim())
      .filter(Boolean),
  );
const request = (method: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/v1/x", { method, headers: { "x-forwarded-for": "198.51.100.141", ...headers }, ...(["POST", "PUT", "PATCH"].includes(method) ? { body: "{}" } : {}) });
const params = { params: Promise.resolve({ id: "nope" }) };

/** What Next.js answers to OPTIONS when a route module exports none: every exported method. */
const nextDefaultOptions =
  (mod: Partial<Record<string, Handler>>): Handler =>
  async () => {
    const exported = METHODS.filter((m) => mod[m]);
    return new Response(null, { status: 204, headers: { Allow: [...exported, ...(exported.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ") } });
  };

describe.each(FILES.map((f) => [path.relative(path.resolve(V1, "../../.."), f), f]))("%s", (_, file) => {
  it("answers OPTIONS 204 without a key, allowing exactly the methods that do not answer 405", async () => {
    const mod = (await import(file)) as Partial<Record<string, Handler>>;
    const accepted: string[] = [];
    for (const method of METHODS) {
      const handler = mod[method];
      if (!handler) continue; // Next.js answers 405 for a method the module does not export
      const res = await handler(request(method, { authorization: `Bearer ${admin}` }), params);
      if (res.status === 405)
        expect(allowSet(res.headers.get("allow")), `${method} 405`).toEqual(allowSet((await (mod.OPTIONS ?? nextDefaultOptions(mod))(request("OPTIONS"), params)).headers.get("allow")));
      else accepted.push(method);
    }
    const res = await (mod.OPTIONS ?? nextDefaultOptions(mod))(request("OPTIONS"), params);
    expect(res.status).toBe(204);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const expected = new Set([...accepted, ...(accepted.includes("GET") ? ["HEAD"] : []), "OPTIONS"]);
    expect(allowSet(res.headers.get("allow"))).toEqual(expected);
  });
});
