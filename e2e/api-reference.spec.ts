// The API reference renders the OpenAPI document in the dashboard: every route with its role,
// nothing fetched from outside the server and no Content-Security-Policy violation.
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support";

test("a member reads each route's required role in the API reference, offline and within the CSP", async ({ page }) => {
  const outside: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.protocol.startsWith("http") && url.hostname !== "127.0.0.1") outside.push(r.url());
  });
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __cspViolations: string[] }).__cspViolations = []);
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

  await signUp(page, { name: "Ada", email: uniqueEmail("reference"), project: "Reference" });
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  // Operations render as they scroll into view; the reference's own sidebar jumps to one.
  await page.getByRole("link", { name: "Create or update a user by externalId" }).click();
  await expect(page.getByRole("heading", { name: "Create or update a user by externalId" })).toBeVisible();
  await expect(page.getByText("Required role: client+ (or a custom key with write permission on users).")).toBeVisible();
  await page.getByRole("link", { name: "Create a message" }).click();
  await expect(page.getByText("Required role: editor+ (or a custom key with write permission on messages).")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Create a message" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  expect(outside).toEqual([]);
});
