import { describe, expect, it } from "vitest";
import * as outside from "./route";
import * as insideV1 from "../v1/[...path]/route";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

describe.each([
  ["outside /api/v1", outside, "http://localhost/api/v2/users?limit=5"],
  ["inside /api/v1", insideV1, "http://localhost/api/v1/nope?limt=5"],
])("an unknown path %s", (_, mod, url) => {
  it("answers 404 not_found in the error envelope for every method, whatever the query", async () => {
    for (const method of METHODS) {
      const res = await mod[method](new Request(url, { method }), { params: Promise.resolve({}) });
      expect(res.status, method).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
      const body = await res.json();
      expect(body.error.code).toBe("not_found");
      expect(body.requestId).toBe(res.headers.get("x-request-id"));
    }
  });
});
