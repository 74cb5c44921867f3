import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { GET } from "./route";

const ROOT = path.resolve(__dirname, "../../../..");

describe("GET /api/v1/openapi.json", () => {
  it("serves the OpenAPI 3.1 document without a key", async () => {
    const res = await GET(new Request("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    const body = await res.json();
    expect(body.openapi).toBe("3.1.0");
    expect(body.paths["/api/v1/users"].post["x-required-role"]).toBe("client");
  });

  it("documents only paths that have a route file", async () => {
    const body = await (await GET(new Request("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) })).json();
    const missing = Object.keys(body.paths).filter((p: string) => !fs.existsSync(path.join(ROOT, "app", p.replace(/\{(\w+)\}/g, "[$1]"), "route.ts")));
    expect(missing).toEqual([]);
  });

  it("documents every route file under /api/v1", async () => {
    const body = await (await GET(new Request("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) })).json();
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === "route.ts" ? [dir] : []));
    const routes = walk(path.join(ROOT, "app/api/v1"))
      .map(
        (dir) =>
          "/" +
          path
            .relative(path.join(ROOT, "app"), dir)
            .split(path.sep)
            .join("/")
            .replace(/\[(\w+)\]/g, "{$1}"),
      )
      .filter((p) => !p.includes("[...path]"));
    expect(routes.filter((p) => !(p in body.paths))).toEqual([]);
  });
});
