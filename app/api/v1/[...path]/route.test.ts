import { describe, expect, it } from "vitest";
import { DELETE, GET, POST } from "./route";

describe("an unknown /api/v1 path", () => {
  it("answers 404 not_found in the error envelope for every method", async () => {
    for (const handler of [GET, POST, DELETE]) {
      const res = await handler(new Request("http://localhost/api/v1/nope", { method: "POST" }), { params: Promise.resolve({}) });
      expect(res.status).toBe(404);
      const body = await res.json();
      expect(body.error.code).toBe("not_found");
      expect(body.requestId).toBe(res.headers.get("x-request-id"));
    }
  });
});
