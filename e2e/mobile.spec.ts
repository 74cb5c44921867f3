import { expect, test, type Locator, type Page } from "@playwright/test";
import { createKey, hydrated, signUp, uniqueEmail } from "./support";

// SPEC §6: every page works on a 390×844 phone, by touch.
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

/** Nothing on the page is wider than the phone: no sideways scrolling. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  // With mobile emulation an overflowing page widens the layout viewport itself, so compare with the phone too.
  expect(widths.inner, `${what}: the layout viewport is the phone's width`).toBe(PHONE.width);
  expect(widths.scroll, `${what}: document scrollWidth`).toBeLessThanOrEqual(widths.inner);
}

/** The element lies wholly inside the phone's screen, so a thumb can reach it without scrolling. */
async function expectOnScreen(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box, "the element has a box").not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
}

async function createKeyByTapping(page: Page, name: string): Promise<string> {
  await page.getByRole("button", { name: "Create key" }).first().tap();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await expect(create).toBeVisible();
  // A full-screen sheet: the dialog covers the phone's screen.
  await expectOnScreen(create);
  // Its fields (the Restrictions group's lists and quota too) fit the sheet: it scrolls only up and down.
  const body = create.locator("[data-dialog-body]");
  expect(await body.evaluate((element) => element.scrollWidth - element.clientWidth), "the Create dialog scrolls sideways").toBeLessThanOrEqual(0);
  await create.getByLabel("Name").fill(name);
  await create.getByRole("radio", { name: "Support" }).tap();
  // The primary button stays in view (a sticky footer) without scrolling the form.
  const submit = create.getByRole("button", { name: "Create", exact: true });
  await expectOnScreen(submit);
  await submit.tap();

  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  await expect(reveal).toBeVisible({ timeout: 15_000 });
  const key = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  expect(key).toMatch(/^lk_sk_/);
  await reveal.getByRole("button", { name: "Copy", exact: true }).tap();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await expectOnScreen(reveal.getByRole("button", { name: "Done" }));
  await reveal.getByRole("button", { name: "Done" }).tap();
  await expect(reveal).toBeHidden();
  return key;
}

test("on a phone an admin opens the navigation, creates and copies a key and revokes one, all by tapping", async ({ page }) => {
  await signUp(page, { name: "Pia Phone", email: uniqueEmail("pia"), project: "Pocket Shop" });

  // The sidebar is a top bar: logo, project name and a menu button.
  const menu = page.getByRole("button", { name: "Open navigation" });
  await expect(menu).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Pocket Shop");
  await expect(page.getByRole("navigation", { name: "Settings" })).toBeHidden();
  await expectNoSidewaysScroll(page, "API Keys, empty");

  // The menu opens the same navigation in a sheet; Escape and "Close navigation" close it, focus goes back.
  await menu.tap();
  const drawer = page.getByRole("dialog", { name: "Navigation" });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("navigation", { name: "Settings" })).toBeVisible();
  await expect(drawer.getByRole("button", { name: /Switch project/ })).toBeVisible();
  await expect(drawer.getByRole("link", { name: "Account" })).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();
  await menu.tap();
  await drawer.getByRole("button", { name: "Close navigation" }).tap();
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();

  // Navigating closes the sheet.
  await menu.tap();
  await drawer.getByRole("link", { name: "Channels" }).tap();
  await expect(page.getByRole("heading", { name: "Channels", exact: true })).toBeVisible();
  await expect(drawer).toBeHidden();
  await menu.tap();
  await drawer.getByRole("link", { name: "API Keys" }).tap();
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await expect(drawer).toBeHidden();
  await hydrated(page);

  const key = await createKeyByTapping(page, "Pocket backend");
  await createKeyByTapping(page, "Leaked laptop key");

  // Keys are cards: name, role, preview, last used and status, with the row's menu.
  const card = page.getByRole("row", { name: /Leaked laptop key/ });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Support");
  await expect(card).toContainText("Never");
  await expect(card).toContainText("Active");
  await expect(page.getByRole("row", { name: /Pocket backend/ })).toContainText(`lk_sk_…${key.slice(-4)}`);
  await expectNoSidewaysScroll(page, "API Keys, two keys");

  // Revoke the leaked one from its card's menu.
  await card.getByRole("button", { name: "Actions for Leaked laptop key" }).tap();
  await page.getByRole("menuitem", { name: "Revoke" }).tap();
  const confirm = page.getByRole("alertdialog", { name: "Revoke API key" });
  await expectOnScreen(confirm.getByRole("button", { name: "Revoke" }));
  await confirm.getByRole("button", { name: "Revoke" }).tap();
  await expect(confirm).toBeHidden({ timeout: 15_000 });
  // Revoked keys are hidden by default, and listed under the status "Revoked".
  await expect(page.getByRole("row", { name: /Leaked laptop key/ })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Pocket backend/ })).toContainText("Active");
  await page.getByLabel("Status").selectOption("revoked");
  await expect(page.getByRole("row", { name: /Leaked laptop key/ })).toContainText("Revoked");
});

test('on a phone, where the table\'s column headers are hidden, "Sort by" reorders the key cards', async ({ page, request }) => {
  await signUp(page, { name: "Sol Sorter", email: uniqueEmail("sol"), project: "Sorted Shop" });
  const names = ["First key", "Second key", "Third key"];
  const secrets: string[] = [];
  for (const name of names) secrets.push(await createKey(page, name, "Support"));
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secrets[1]}` } })).status()).toBe(200);
  await page.reload();

  const cardOrder = async () => (await page.getByRole("row").allTextContents()).map((text) => names.find((name) => text.includes(name))).filter(Boolean);
  await expect(page.getByRole("columnheader", { name: "Created" })).toBeHidden();
  await expect.poll(cardOrder).toEqual(["Third key", "Second key", "First key"]);

  const sortBy = page.getByRole("combobox", { name: "Sort by" });
  await expect(sortBy).toHaveValue(/created/);
  await sortBy.selectOption({ label: "Oldest first" });
  await expect(page).toHaveURL(/sort=created&dir=asc|dir=asc/);
  await expect.poll(cardOrder).toEqual(["First key", "Second key", "Third key"]);
  await sortBy.selectOption({ label: "Recently used first" });
  await expect(page).toHaveURL(/sort=last_used/);
  await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue("last_used:desc");
  // "Last used" is written in batches (lib/keys/last-used.ts): reload until it is.
  await expect
    .poll(
      async () => {
        await page.reload();
        return cardOrder();
      },
      { timeout: 20_000, intervals: [2_000] },
    )
    .toEqual(["Second key", "Third key", "First key"]);
  await expectNoSidewaysScroll(page, "API Keys, sorted");
});

test("no dashboard page scrolls sideways on a phone", async ({ page, request }) => {
  const slug = await signUp(page, { name: "Wanda Wide", email: uniqueEmail("wanda"), project: "A project with a rather long name for a phone" });
  const base = `/p/${slug}/settings`;

  // Content that makes tables wide: a channel, a long invitation, a key that has been used and audited.
  await page.goto(`${base}/channels`);
  await hydrated(page);
  await page.getByRole("button", { name: "Create channel" }).tap();
  const channel = page.getByRole("dialog", { name: "Create channel" });
  await channel.getByLabel("Name").fill("Marketing announcements for everyone");
  await channel.getByRole("button", { name: "Create" }).tap();
  await expect(channel).toBeHidden({ timeout: 15_000 });

  await page.goto(`${base}/members`);
  await hydrated(page);
  await page.getByRole("button", { name: "Add member" }).tap();
  const add = page.getByRole("dialog", { name: "Add member" });
  await add.getByLabel("Email").fill(uniqueEmail("a-colleague-with-a-very-long-address"));
  await add.getByRole("radio", { name: "Viewer", exact: true }).tap();
  await add.getByRole("button", { name: "Add", exact: true }).tap();
  await expect(add).toBeHidden({ timeout: 15_000 });

  // An OAuth client, so its table has a row (a card on a phone).
  await page.goto(`${base}/oauth-clients`);
  await hydrated(page);
  await page.getByRole("button", { name: "Register client" }).tap();
  const register = page.getByRole("dialog", { name: "Register OAuth client" });
  await register.getByLabel("Name").fill("Nightly billing reconciliation worker");
  for (const resource of ["Campaigns", "Users", "Events"]) await register.getByRole("group", { name: resource }).getByRole("checkbox", { name: "Read" }).tap();
  await register.getByRole("button", { name: "Register", exact: true }).tap();
  const secret = page.getByRole("dialog", { name: "Copy your client secret" });
  await secret.getByRole("button", { name: "Copy client secret" }).tap();
  await secret.getByRole("button", { name: "Done" }).tap();
  await expect(secret).toBeHidden();

  // A webhook endpoint with a long URL, so its table has a card.
  await page.goto(`${base}/webhooks`);
  await hydrated(page);
  await page.getByRole("button", { name: "Add endpoint" }).tap();
  const endpoint = page.getByRole("dialog", { name: "Add endpoint" });
  await endpoint.getByLabel("URL").fill("https://93.184.215.14/integrations/latchkey/webhooks/key-events-for-the-billing-service");
  await endpoint.getByRole("checkbox", { name: "key.created" }).tap();
  await endpoint.getByRole("checkbox", { name: "key.quota_reached" }).tap();
  await endpoint.getByRole("button", { name: "Add endpoint" }).tap();
  const signing = page.getByRole("dialog", { name: "Copy your signing secret" });
  await signing.getByRole("button", { name: "Copy signing secret" }).tap();
  await signing.getByRole("button", { name: "Done" }).tap();
  await expect(signing).toBeHidden();
  await page.getByRole("link", { name: /key-events-for-the-billing-service/ }).tap();
  await expect(page).toHaveURL(new RegExp(`${base}/webhooks/[A-Za-z0-9_-]+$`), { timeout: 15_000 });
  const endpointPage = new URL(page.url()).pathname;

  await page.goto(`${base}/api-keys`);
  await hydrated(page);
  const key = await createKeyByTapping(page, "Server to server integration key");
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } })).status()).toBe(200);
  expect((await request.get("/api/v1/campaigns?limit=5", { headers: { Authorization: `Bearer ${key}` } })).status()).toBe(200);
  await page.getByRole("link", { name: "Server to server integration key" }).tap();
  await expect(page).toHaveURL(new RegExp(`${base}/api-keys/[A-Za-z0-9_-]+$`), { timeout: 15_000 });
  const keyPage = new URL(page.url()).pathname;

  const pages: [string, string, string][] = [
    ["API Keys", `${base}/api-keys`, "API Keys"],
    ["a key's page", keyPage, "Server to server integration key"],
    ["Channels", `${base}/channels`, "Channels"],
    ["Members", `${base}/members`, "Members"],
    ["OAuth clients", `${base}/oauth-clients`, "OAuth clients"],
    ["Webhooks", `${base}/webhooks`, "Webhooks"],
    ["a webhook endpoint's page", endpointPage, "https://93.184.215.14/integrations/latchkey/webhooks/key-events-for-the-billing-service"],
    ["Audit log", `${base}/audit-log`, "Audit log"],
    ["API reference", `/p/${slug}/api-reference`, "API reference"],
    ["Security", `${base}/security`, "Security"],
    ["Account", "/account", "Account"],
    ["Two-factor sign-in", "/account/two-factor", "Two-factor sign-in"],
    ["New project", "/projects/new", "New project"],
  ];
  for (const [what, path, heading] of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
    await hydrated(page);
    if (what === "a key's page") {
      // Requests are counted every few seconds; wait for the recent requests table to be there.
      await expect(async () => {
        await page.reload();
        await expect(page.getByRole("region", { name: "Recent requests" }).getByRole("button", { name: /^Details for request / })).toHaveCount(2, { timeout: 1_000 });
      }).toPass({ timeout: 12_000 });
    }
    if (what === "API reference") await expect(page.getByText("/api/v1/me").first()).toBeVisible({ timeout: 15_000 });
    await expectNoSidewaysScroll(page, what);
  }

  // Wide tables scroll inside their own region, which the keyboard can reach.
  await page.goto(`${base}/audit-log`);
  const audit = page.getByRole("region", { name: "Audit entries" });
  await expect(audit).toHaveAttribute("tabindex", "0");
});

test("the sign-in and sign-up pages fit a phone", async ({ page }) => {
  for (const [path, button] of [
    ["/login", "Sign in"],
    ["/signup", "Create account"],
  ]) {
    await page.goto(path);
    await expect(page.getByRole("button", { name: button })).toBeVisible();
    await expectNoSidewaysScroll(page, path);
  }
});

test.describe("on a desktop", () => {
  test.use({ viewport: { width: 1400, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

  test("a dialog whose form scrolls keeps its footer, and the primary button, in view", async ({ page }) => {
    await signUp(page, { name: "Dee Desk", email: uniqueEmail("dee"), project: "Desk Works" });
    await expect(page.getByRole("button", { name: "Open navigation" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Settings" })).toBeVisible();
    await page.getByRole("button", { name: "Create key" }).first().click();
    const create = page.getByRole("dialog", { name: "Create API key" });
    // Custom adds the permission matrix: the form is taller than the dialog and scrolls.
    await create.getByRole("radio", { name: "Custom" }).click();
    const submit = create.getByRole("button", { name: "Create", exact: true });
    const box = await submit.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(900);
    // The first field is on screen too: the button is not in view because the form scrolled to it.
    await expect(create.getByLabel("Name")).toBeInViewport();
    await expect(submit).toBeInViewport();
  });
});
