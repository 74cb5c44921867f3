import { expect, test, type Page } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { copyRevealedKey, createKey, hydrated, signUp, uniqueEmail } from "./support";

// SPEC §16: a key pinned to addresses (or only reporting), a publishable key pinned to browser
// origins (checked by a real Chromium page on another origin), a secret key refused in a browser,
// and a quota per day: set in the dialogs and shown on the key page.

/** Opens the Create dialog on the API Keys page. */
async function openCreate(page: Page) {
  await page.getByRole("button", { name: "Create key" }).first().click();
  return page.getByRole("dialog", { name: "Create API key" });
}

/** From the API Keys page to a key's own page. */
async function openKeyPage(page: Page, slug: string, name: string) {
  await page.goto(`/p/${slug}/settings/api-keys`);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await hydrated(page);
  return page.getByRole("region", { name: "Settings" });
}

/** A page on its own origin (http://localhost:<port>/), as a customer's front end would be. */
async function frontEnd(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>Shop front end</title><h1>Shop</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Chromium keeps its connections open; close waits for them otherwise.
      server.closeAllConnections();
    });
  return { origin: `http://localhost:${port}`, close };
}

/** What a page script gets back from the API: the status it could read, or the error fetch threw. */
async function callFromPage(page: Page, url: string, key: string): Promise<{ status?: number; error?: string }> {
  return page.evaluate(
    async ({ url, key }) => {
      try {
        const res = await fetch(url, { method: "POST", headers: { Authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ externalId: `u-${Math.random()}` }) });
        return { status: res.status };
      } catch (error) {
        return { error: String(error) };
      }
    },
    { url, key },
  );
}

test("an IP allow list refuses other addresses, reports only when asked, and refuses a range that is not one", async ({ page, request }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const slug = await signUp(page, { name: "Ines", email: uniqueEmail("ines"), project: "Pinned Addresses" });

  // Bad input: a field error under the field, and no key.
  let create = await openCreate(page);
  await create.getByLabel("Name").fill("Broken range");
  await create.getByLabel("Allowed IP addresses").fill("10.0.0.0/33");
  await create.getByRole("button", { name: "Create", exact: true }).click();
  await expect(create.getByLabel("Allowed IP addresses")).toHaveAttribute("aria-invalid", "true");
  await expect(create.getByText("“10.0.0.0/33” is not an IPv4 or IPv6 address or CIDR range")).toBeVisible();
  await create.getByRole("button", { name: "Cancel" }).click();
  await expect(create).toBeHidden();
  await expect(page.getByRole("link", { name: "Broken range" })).toHaveCount(0);

  create = await openCreate(page);
  await create.getByLabel("Name").fill("Office only");
  await create.getByRole("radio", { name: "Support" }).click();
  await create.getByLabel("Allowed IP addresses").fill("203.0.113.0/24\n2001:db8::/32");
  // Origins are for publishable keys only.
  await expect(create.getByLabel("Allowed origins")).toBeHidden();
  await create.getByRole("button", { name: "Create", exact: true }).click();
  const secret = await copyRevealedKey(page);

  let settings = await openKeyPage(page, slug, "Office only");
  const ips = settings.getByRole("list", { name: "Allowed IP addresses" });
  await expect(ips.getByRole("listitem")).toHaveText(["203.0.113.0/24", "2001:db8::/32"]);
  await expect(settings.getByText("Report only")).toHaveCount(0);
  await expect(settings.getByText("Allowed origins")).toHaveCount(0);

  // The test runner calls from 127.0.0.1, outside the list.
  const refused = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("ip_not_allowed");

  // Report only: answered, and an audit entry says it would have been refused.
  await page.getByRole("group", { name: "Key actions" }).getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit API key" });
  await expect(edit.getByLabel("Allowed IP addresses")).toHaveValue("203.0.113.0/24\n2001:db8::/32");
  await expect(edit.getByRole("checkbox", { name: "Report only" })).not.toBeChecked();
  await edit.getByLabel("Quota", { exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/screens/restrictions-edit-dialog.png" });
  await edit.getByRole("checkbox", { name: "Report only" }).check();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(settings.getByText("Report only")).toBeVisible();
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(200);

  await page.goto(`/p/${slug}/settings/audit-log`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("row").filter({ hasText: "api.would_refuse" })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("row").filter({ hasText: "api.would_refuse" })).toContainText("127.0.0.1");

  // Unticking it refuses again.
  settings = await openKeyPage(page, slug, "Office only");
  await page.getByRole("group", { name: "Key actions" }).getByRole("button", { name: "Edit" }).click();
  await expect(edit.getByRole("checkbox", { name: "Report only" })).toBeChecked();
  await edit.getByRole("checkbox", { name: "Report only" }).uncheck();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(settings.getByText("Report only")).toHaveCount(0);
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(403);
});

test("a publishable key answers a page on an allowed origin, not one on another; a secret key is refused in the browser", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  const [allowed, other] = [await frontEnd(), await frontEnd()];
  try {
    const slug = await signUp(page, { name: "Omar", email: uniqueEmail("omar"), project: "Shop Front" });
    const secret = await createKey(page, "Server side", "Support");

    const create = await openCreate(page);
    await create.getByLabel("Name").fill("Shop front end");
    await create.getByRole("radio", { name: "Client" }).click();
    await create.getByLabel("Allowed IP addresses").fill("127.0.0.1\n::1");
    await create.getByLabel("Allowed origins").fill(`${allowed.origin}\n`);
    await create.getByLabel("Quota", { exact: true }).fill("1000");
    await page.screenshot({ path: "e2e/.artifacts/screens/restrictions-create-dialog.png" });
    await create.getByRole("button", { name: "Create", exact: true }).click();
    const publishable = await copyRevealedKey(page);
    expect(publishable).toMatch(/^lk_pk_/);

    const settings = await openKeyPage(page, slug, "Shop front end");
    await expect(settings.getByRole("list", { name: "Allowed origins" }).getByRole("listitem")).toHaveText([allowed.origin]);
    await expect(settings.getByRole("list", { name: "Allowed IP addresses" }).getByRole("listitem")).toHaveText(["127.0.0.1/32", "::1/128"]);
    await expect(settings.getByText("1,000 requests per day")).toBeVisible();
    await page.screenshot({ path: "e2e/.artifacts/screens/restrictions-key-page.png", fullPage: true });

    const users = `${baseURL}/api/v1/users`;
    const shop = await page.context().newPage();
    await shop.goto(`${allowed.origin}/`);
    // Preflights read the allowed origins every few seconds: the new key's origin may take that long.
    await expect(async () => {
      expect((await callFromPage(shop, users, publishable)).status).toBe(201);
    }).toPass({ timeout: 15_000 });

    // A secret key from the same page: refused (the browser's Sec-Fetch-* headers give it away).
    const leaked = await callFromPage(shop, users, secret);
    expect(leaked.status === undefined || leaked.status === 401, JSON.stringify(leaked)).toBe(true);

    // Another origin: the preflight gets no CORS fields, so the page cannot call the API.
    const elsewhere = await page.context().newPage();
    await elsewhere.goto(`${other.origin}/`);
    const refused = await callFromPage(elsewhere, users, publishable);
    expect(refused.status, JSON.stringify(refused)).toBeUndefined();
    expect(refused.error).toMatch(/TypeError|Failed to fetch/);

    // The refused secret key is in the audit log, as a refused call.
    await page.goto(`/p/${slug}/settings/audit-log`);
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("row").filter({ hasText: "code:secret_key_in_browser" })).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  } finally {
    await Promise.all([allowed.close(), other.close()]);
  }
});

test("a quota of 2 requests per day answers twice, then 429 quota_exhausted until the refill", async ({ page, request }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const slug = await signUp(page, { name: "Quinn", email: uniqueEmail("quinn"), project: "Metered" });
  const create = await openCreate(page);
  await create.getByLabel("Name").fill("Trial");
  await create.getByRole("radio", { name: "Support" }).click();
  await create.getByLabel("Quota", { exact: true }).fill("2");
  await create.getByLabel("Quota period").selectOption({ label: "Day" });
  await create.getByRole("button", { name: "Create", exact: true }).click();
  const secret = await copyRevealedKey(page);

  const me = () => request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect((await me()).status()).toBe(200);
  expect((await me()).status()).toBe(200);
  const exhausted = await me();
  expect(exhausted.status()).toBe(429);
  expect((await exhausted.json()).error.code).toBe("quota_exhausted");
  expect(Number(exhausted.headers()["retry-after"])).toBeGreaterThan(0);
  expect(Number(exhausted.headers()["retry-after"])).toBeLessThanOrEqual(86_400);

  const settings = await openKeyPage(page, slug, "Trial");
  await expect(settings.getByText("2 requests per day")).toBeVisible();
  await expect(settings.getByText("0 left this day")).toBeVisible();
  await expect(settings.getByText("Anywhere")).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test("the restrictions fit the Create dialog and the key page without sideways scrolling", async ({ page }) => {
    const slug = await signUp(page, { name: "Pat", email: uniqueEmail("pat"), project: "Pocket Limits" });
    const create = await openCreate(page);
    await create.getByLabel("Name").fill("Pocket client");
    await create.getByRole("radio", { name: "Client" }).tap();
    await create.getByLabel("Allowed IP addresses").fill("203.0.113.0/24\n2001:db8:ffff:ffff:ffff:ffff:ffff:0/112");
    await create.getByLabel("Allowed origins").fill("https://a-rather-long-subdomain.app.example.com");
    await create.getByLabel("Quota", { exact: true }).fill("1000");
    await create.getByLabel("Quota period").selectOption({ label: "Month" });
    await create.getByRole("checkbox", { name: "Report only" }).tap();
    await create.getByLabel("Quota", { exact: true }).scrollIntoViewIfNeeded();
    const body = create.locator("[data-dialog-body]");
    const widths = await body.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(widths.scroll, "the dialog's body does not scroll sideways").toBeLessThanOrEqual(widths.client);
    await page.screenshot({ path: "e2e/.artifacts/screens/restrictions-create-dialog-phone.png" });
    await create.getByRole("button", { name: "Create", exact: true }).tap();
    await copyRevealedKey(page);

    const settings = await openKeyPage(page, slug, "Pocket client");
    await expect(settings.getByText("1,000 requests per month")).toBeVisible();
    await expect(settings.getByText("Report only")).toBeVisible();
    const sideways = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
    expect(sideways.scroll, "the key page does not scroll sideways").toBeLessThanOrEqual(sideways.inner);
    await page.screenshot({ path: "e2e/.artifacts/screens/restrictions-key-page-phone.png", fullPage: true });
  });
});
