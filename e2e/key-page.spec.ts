import { expect, test, type Page } from "@playwright/test";
import { copyRevealedKey, createKey, hydrated, signUp, uniqueEmail } from "./support";

const USER_AGENT = "acme-billing/2.1 (e2e)";
const me = (page: Page, secret: string) => page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });

test("the key page acts on its key: copy its id, disable and enable it, filter and open its requests, delete it", async ({ page }) => {
  const slug = await signUp(page, { name: "Kim", email: uniqueEmail("kim"), project: "Key Home" });
  await createKey(page, "Spare");
  const secret = await createKey(page, "Worker", "Client");
  for (let i = 0; i < 3; i++) expect((await me(page, secret)).status()).toBe(200);
  // A client key may not read campaigns: a client error, whose request id the details show.
  const refused = await page.request.get("/api/v1/campaigns", { headers: { Authorization: `Bearer ${secret}`, "User-Agent": USER_AGENT } });
  expect(refused.status()).toBe(403);
  const refusedId = refused.headers()["x-request-id"];
  expect(refusedId).toBeTruthy();

  await page.getByRole("link", { name: "Worker" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys/[A-Za-z0-9_-]+$`));
  await expect(page.getByRole("heading", { name: "Worker", level: 1 })).toBeVisible({ timeout: 15_000 });
  await hydrated(page);
  const keyId = new URL(page.url()).pathname.split("/").pop()!;
  const header = page.locator("main header");
  const actions = page.getByRole("group", { name: "Key actions" });
  for (const label of ["Edit", "Rotate", "Disable", "Revoke", "Delete"]) await expect(actions.getByRole("button", { name: label, exact: true })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Enable" })).toHaveCount(0);

  await page.getByRole("button", { name: "Copy key id" }).click();
  await expect(header.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(keyId);

  // Disable asks first; then the key is refused on its very next request, until enabled again.
  await actions.getByRole("button", { name: "Disable" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Disable API key" });
  await expect(confirm).toContainText("“Worker” will be refused");
  await page.screenshot({ path: "e2e/.artifacts/screens/key-page-disable.png" });
  await confirm.getByRole("button", { name: "Disable" }).click();
  await expect(confirm).toBeHidden();
  await expect(header.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Enable" })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Rotate" })).toHaveCount(0);
  const disabled = await me(page, secret);
  expect(disabled.status()).toBe(401);
  expect((await disabled.json()).error.code).toBe("key_disabled");

  await actions.getByRole("button", { name: "Enable" }).click();
  await expect(header.getByText("Active", { exact: true })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Disable" })).toBeVisible();
  expect((await me(page, secret)).status()).toBe(200);
  await expect(page.getByRole("region", { name: "Audit entries" }).getByRole("row", { name: /key\.disabled/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Audit entries" }).getByRole("row", { name: /key\.enabled/ })).toBeVisible();

  // Recent requests: all of them, then only client errors after choosing that outcome.
  await page.reload();
  await hydrated(page);
  const recent = page.getByRole("region", { name: "Recent requests" });
  const rows = recent.getByRole("row");
  await expect(rows.filter({ hasText: "/api/v1/me" }).filter({ hasText: "200" })).toHaveCount(4);
  await expect(rows.filter({ hasText: "/api/v1/campaigns" })).toHaveCount(1);
  const all = await rows.count();
  await recent.getByLabel("Outcome").selectOption({ label: "Client error" });
  await expect(page).toHaveURL(/\?outcome=clientError$/);
  await expect(rows.filter({ hasText: "200" })).toHaveCount(0);
  const clientError = rows.filter({ hasText: "/api/v1/campaigns" });
  await expect(clientError).toContainText("403");
  await expect(recent.getByRole("term")).toHaveCount(0);

  const details = recent.getByRole("button", { name: `Details for request ${refusedId}` });
  await expect(details).toHaveAttribute("aria-expanded", "false");
  await expect(recent).not.toContainText(USER_AGENT);
  await details.click();
  await expect(details).toHaveAttribute("aria-expanded", "true");
  const shown = page.locator(`#${await details.getAttribute("aria-controls")}`);
  await expect(shown.getByRole("term")).toHaveText(["Error code", "Request ID", "User agent", "Received", "Path"]);
  await expect(shown.getByRole("definition").nth(0)).toHaveText("insufficient_permissions");
  await expect(shown.getByRole("definition").nth(1)).toContainText(refusedId);
  await expect(shown.getByRole("definition").nth(2)).toHaveText(USER_AGENT);
  await shown.getByRole("button", { name: "Copy request id" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(refusedId);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: "e2e/.artifacts/screens/key-page-request-details.png", fullPage: true });
  await details.click();
  await expect(recent.getByRole("term")).toHaveCount(0);
  await expect(recent).not.toContainText(USER_AGENT);

  await recent.getByLabel("Outcome").selectOption({ label: "Server error" });
  await expect(recent).toContainText("No requests with this outcome.");
  await recent.getByLabel("Outcome").selectOption({ label: "All" });
  await expect(rows).toHaveCount(all);

  // Delete from the header goes back to the list, without the key.
  await actions.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog", { name: "Delete API key" }).getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys$`));
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Spare" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Worker" })).toHaveCount(0);
});

test("rotating from the key page reveals the new key, then links to it, and the old key counts down its grace on the page and in the list", async ({ page }) => {
  const slug = await signUp(page, { name: "Ray", email: uniqueEmail("ray"), project: "Key Grace" });
  const oldKey = await createKey(page, "Billing");
  await page.getByRole("link", { name: "Billing" }).click();
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  await hydrated(page);
  const actions = page.getByRole("group", { name: "Key actions" });

  await actions.getByRole("button", { name: "Rotate" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate API key" });
  await rotate.getByRole("radio", { name: "In 1 hour" }).click();
  await rotate.getByRole("button", { name: "Rotate" }).click();
  const newKey = await copyRevealedKey(page);
  expect(newKey).not.toBe(oldKey);

  const notice = page.getByText(/^Replaced by/);
  await expect(notice.getByRole("link", { name: `lk_sk_…${newKey.slice(-4)}` })).toBeVisible();
  const timer = page.getByRole("timer");
  await expect(timer).toHaveText(/^Stops working in 00:59:\d\d$/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first!, { timeout: 3_000 }); // it ticks
  await expect(actions.getByRole("button", { name: "Rotate" })).toHaveCount(0);
  for (const key of [oldKey, newKey]) expect((await me(page, key)).status()).toBe(200);
  await page.screenshot({ path: "e2e/.artifacts/screens/key-page-grace.png" });

  await page.goto(`/p/${slug}/settings/api-keys`);
  const oldRow = page.getByRole("row", { name: /Replaced by/ });
  await expect(oldRow.getByRole("timer")).toHaveText(/^Stops working in 00:59:\d\d$/);

  // Revoke from the header: the page shows it at once, and leaves only Delete.
  await oldRow.getByRole("link", { name: "Billing" }).click();
  await hydrated(page);
  await actions.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog", { name: "Revoke API key" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.locator("main header").getByText("Revoked", { exact: true })).toBeVisible();
  await expect(actions.getByRole("button")).toHaveText(["Delete"]);
  await expect(page.getByRole("timer")).toHaveCount(0);
  expect((await me(page, oldKey)).status()).toBe(401);

  // The replacement's page, through the link.
  await page
    .getByRole("link", { name: `lk_sk_…${newKey.slice(-4)}` })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  await expect(page.locator("main header").getByText("Active", { exact: true })).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("each request is a card that opens by tap to its error code, user agent and request id, without sideways scrolling", async ({ page }) => {
    await signUp(page, { name: "Pia", email: uniqueEmail("pia"), project: "Key Cards" });
    const secret = await createKey(page, "Phone", "Client");
    const refused = await page.request.get("/api/v1/campaigns", { headers: { Authorization: `Bearer ${secret}`, "User-Agent": USER_AGENT } });
    const refusedId = refused.headers()["x-request-id"];
    expect((await me(page, secret)).status()).toBe(200);
    await page.getByRole("link", { name: "Phone" }).click();
    await expect(page.getByRole("heading", { name: "Phone", level: 1 })).toBeVisible();
    await hydrated(page);

    const recent = page.getByRole("region", { name: "Recent requests" });
    const details = recent.getByRole("button", { name: `Details for request ${refusedId}` });
    await details.tap();
    await expect(details).toHaveAttribute("aria-expanded", "true");
    const shown = page.locator(`#${await details.getAttribute("aria-controls")}`);
    await expect(shown).toBeVisible();
    await expect(shown).toContainText("insufficient_permissions");
    await expect(shown).toContainText(USER_AGENT);
    await expect(shown).toContainText(refusedId);
    const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    await page.screenshot({ path: "e2e/.artifacts/screens/key-page-request-details-phone.png", fullPage: true });
  });
});
