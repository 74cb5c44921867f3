import { expect, test } from "@playwright/test";
import { hydrated, signUp, uniqueEmail } from "./support";

test("a key's page charts its requests by outcome for 24 hours and 30 days, and lists its recent requests", async ({ page, request }) => {
  const slug = await signUp(page, { name: "Uma", email: uniqueEmail("uma"), project: "Metrics" });
  await page.getByRole("button", { name: "Create key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("Storefront");
  await create.getByRole("radio", { name: "Client" }).click();
  await create.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  const secret = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  const headers = { Authorization: `Bearer ${secret}` };
  for (let i = 0; i < 3; i++) expect((await request.get("/api/v1/me", { headers })).status()).toBe(200);
  // A client key cannot read campaigns (refused before its query string is even looked at).
  expect((await request.get("/api/v1/campaigns?limit=5&debug=1", { headers })).status()).toBe(403);

  await page.getByRole("link", { name: "Storefront" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys/[A-Za-z0-9_-]+$`));
  const usage = page.getByRole("region", { name: "Usage" });
  // Counts are written every 5 seconds; the page shows them within that window.
  await expect(async () => {
    await page.reload();
    await expect(usage).toContainText("4 requests", { timeout: 1_000 });
  }).toPass({ timeout: 12_000 });
  await hydrated(page);
  await expect(usage).toContainText("3 success, 1 client error");
  await expect(usage.getByRole("img", { name: "Requests per hour, last 24 hours" })).toBeVisible();
  await expect(usage.locator(".recharts-bar-rectangle").first()).toBeVisible();

  const recent = page.getByRole("region", { name: "Recent requests" });
  const rows = recent.getByRole("row");
  await expect(rows).toHaveCount(5); // the header and four requests
  await expect(rows.filter({ hasText: "/api/v1/me" }).filter({ hasText: "200" })).toHaveCount(3);
  await expect(rows.filter({ hasText: "/api/v1/campaigns" }).filter({ hasText: "403" })).toHaveCount(1);
  await expect(recent).not.toContainText("debug"); // the path only, never the query string
  await expect(page.locator("body")).not.toContainText(secret.slice(6, 38));
  await page.screenshot({ path: "e2e/.artifacts/screens/key-usage.png", fullPage: true });

  await usage.getByRole("tab", { name: "Last 30 days" }).click();
  await expect(usage.getByRole("img", { name: "Requests per day, last 30 days" })).toBeVisible();
  await expect(usage).toContainText("4 requests");
  await expect(usage.getByRole("img", { name: "Requests per hour, last 24 hours" })).toHaveCount(0);
  await usage.screenshot({ path: "e2e/.artifacts/screens/key-usage-30-days.png" });
});
