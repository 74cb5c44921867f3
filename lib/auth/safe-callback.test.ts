import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("the path signing in returns to", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeCallbackPath("/p/acme/settings/api-keys?page=2")).toBe("/p/acme/settings/api-keys?page=2");
  });

  it("refuses anything that leads to another site", () => {
    for (const bad of ["//evil.example", "/\\evil.example", "/%09/evil.example", "/\t/evil.example", "/\n/evil.example", "https://evil.example", "javascript:alert(1)", "", undefined, ["/"]]) {
      const result = safeCallbackPath(bad);
      expect(new URL(result, "http://site.test").origin).toBe("http://site.test");
      expect(result.startsWith("//")).toBe(false);
    }
  });
});
