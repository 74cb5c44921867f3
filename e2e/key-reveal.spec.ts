import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./support";

// SPEC §6 and issue 14: a secret key shown for the only time is guarded on every exit until it is copied.

async function createSecretKey(page: Page, name: string) {
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  await expect(reveal).toBeVisible();
  const key = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  expect(key).toMatch(/^lk_sk_/);
  return { reveal, key };
}

test("Escape, Done and Back before copying ask first; after Copy, Escape closes", async ({ page }) => {
  await signUp(page, { name: "Gus Guard", email: uniqueEmail("gus"), project: "Guarded" });
  const { reveal } = await createSecretKey(page, "Worker");
  const ask = reveal.getByRole("alert");

  await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible();
  await expect(ask).toContainText("You haven't copied the key. Close anyway?");
  await page.screenshot({ path: "e2e/.artifacts/screens/reveal-close-anyway.png" });
  await ask.getByRole("button", { name: "Keep open" }).click();
  await expect(ask).toBeHidden();

  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(ask).toContainText("Close anyway?");
  await ask.getByRole("button", { name: "Keep open" }).click();

  const url = page.url();
  await page.goBack();
  await expect(page).toHaveURL(url);
  await expect(reveal).toBeVisible();
  await expect(ask).toContainText("Close anyway?");
  await ask.getByRole("button", { name: "Keep open" }).click();

  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(reveal).toBeHidden();
});

test("a reload before copying meets the browser's leave prompt; Close anyway closes the dialog", async ({ page }) => {
  await signUp(page, { name: "Rae Reload", email: uniqueEmail("rae"), project: "Reloads" });
  const { reveal } = await createSecretKey(page, "Cron");
  const prompted = new Promise<string>((resolve) =>
    page.once("dialog", (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    }),
  );
  void page.reload().catch(() => {});
  expect(await prompted).toBe("beforeunload");
  await expect(reveal).toBeVisible();

  await reveal.getByRole("button", { name: "Done" }).click();
  await reveal.getByRole("alert").getByRole("button", { name: "Close anyway" }).click();
  await expect(reveal).toBeHidden();
});

test("Copy as .env line and Copy curl put the key on the clipboard in those forms", async ({ page }) => {
  await signUp(page, { name: "Eve Env", email: uniqueEmail("eve"), project: "Dotenv" });
  const { reveal, key } = await createSecretKey(page, "Server");
  await reveal.getByRole("button", { name: "Copy as .env line" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`LATCHKEY_API_KEY=${key}`);
  await reveal.getByRole("button", { name: "Copy curl" }).click();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain(`Authorization: Bearer ${key}`);
  expect(curl).toMatch(/^curl http:\/\/127\.0\.0\.1:\d+\/api\/v1\/me/);
  // Copied, so Done closes without asking.
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
});
