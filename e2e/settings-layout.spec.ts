import { expect, test, type Page } from "@playwright/test";
import { copyRevealedKey, hydrated, signUp, uniqueEmail } from "./support";

// SPEC §6 / issue 14: one page layout for all settings pages; channels shown by name and slug.
test.use({ viewport: { width: 1400, height: 900 } });

async function createChannel(page: Page, slug: string, name: string, channelSlug: string): Promise<void> {
  await page.goto(`/p/${slug}/settings/channels`);
  await hydrated(page);
  await page.getByRole("button", { name: "Create channel" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create channel" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Slug").fill(channelSlug);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).toBeHidden();
}

test("every settings page lays its content out at the same width", async ({ page }) => {
  const slug = await signUp(page, { name: "Lena Layout", email: uniqueEmail("lena"), project: "Even Widths" });
  const widths: Record<string, number> = {};
  for (const [name, path] of [
    ["API Keys", "api-keys"],
    ["Channels", "channels"],
    ["Members", "members"],
    ["Security", "security"],
    ["Audit log", "audit-log"],
    ["OAuth clients", "oauth-clients"],
    ["Webhooks", "webhooks"],
  ]) {
    await page.goto(`/p/${slug}/settings/${path}`);
    await expect(page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 }), `one h1 on ${name}`).toHaveCount(1);
    // The content box: what the page puts in its main landmark.
    const box = await page.getByRole("main").locator(":scope > *").first().boundingBox();
    widths[name] = Math.round(box!.width);
  }
  expect(new Set(Object.values(widths)).size, JSON.stringify(widths)).toBe(1);
});

test("channels are shown by name and slug on the Channels page, in the keys table and on the key's page", async ({ page }) => {
  const slug = await signUp(page, { name: "Nina Names", email: uniqueEmail("nina"), project: "Named Channels" });
  await createChannel(page, slug, "Spring sale", "promo-2026");
  await expect(page.getByRole("row", { name: /Spring sale/ })).toContainText("promo-2026");

  await page.goto(`/p/${slug}/settings/api-keys`);
  await hydrated(page);
  await page.getByRole("button", { name: "Create key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("Promo sender");
  await create.getByRole("radio", { name: "Channel scoped" }).click();
  await create.getByRole("checkbox", { name: /promo-2026/ }).click();
  await create.getByRole("button", { name: "Create", exact: true }).click();
  await copyRevealedKey(page);

  const row = page.getByRole("row", { name: /Promo sender/ });
  const scope = row.getByRole("cell").nth(2);
  await expect(scope).toContainText("Spring sale");
  await expect(scope).toContainText("promo-2026");

  await row.getByRole("link", { name: "Promo sender" }).click();
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings).toContainText("Spring sale");
  await expect(settings).toContainText("promo-2026");
});
