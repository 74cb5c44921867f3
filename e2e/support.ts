import { expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.com`;
}

/** Waits until React has hydrated the page, so clicks on its controls are handled. */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
}

/** Signs up through the real form and returns the new project's slug. */
export async function signUp(page: Page, { name, email, project }: { name: string; email: string; project: string }): Promise<string> {
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Project name").fill(project);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await hydrated(page);
  return new URL(page.url()).pathname.split("/")[2];
}

/** Answers "Confirm it's you" (sudo mode) with the password, or with a code once two-factor is on. */
export async function confirmItsYou(page: Page, { password = PASSWORD, code }: { password?: string; code?: string } = {}): Promise<void> {
  const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
  if (code) await dialog.getByLabel("Authentication code").fill(code);
  else await dialog.getByLabel("Password").fill(password);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toBeHidden();
}
