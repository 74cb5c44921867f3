// Smoke: the production server answers health checks and serves pages without a server error.
import { expect, test } from "@playwright/test";

test("GET /api/health answers {status: ok} with a request id", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
  expect(response.headers()["x-request-id"]).toMatch(/^[A-Za-z0-9._-]{1,64}$/);

  const echoed = await request.get("/api/health", { headers: { "X-Request-Id": "e2e-trace.1" } });
  expect(echoed.headers()["x-request-id"]).toBe("e2e-trace.1");
});

test("the login page loads in the browser without a server error", async ({ page }) => {
  const response = await page.goto("/login");
  expect(response?.status()).toBeLessThan(500);
});
