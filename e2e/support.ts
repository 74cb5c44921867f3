import { expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.com`;
}

/** Waits until React has hydrated the page, so clicks on its controls are handled. */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
}

/** The newest e-mail to `recipient` in the e2e server's outbox (its database, data/e2e.db). */
export function latestMailTo(recipient: string): { subject: string; body: string } | undefined {
  const database = new Database(path.join(__dirname, "../data/e2e.db"), { readonly: true, fileMustExist: true });
  try {
    return database.prepare("SELECT subject, body FROM Mail WHERE recipient = ? ORDER BY createdAt DESC, rowid DESC LIMIT 1").get(recipient.toLowerCase()) as
      { subject: string; body: string } | undefined;
  } finally {
    database.close();
  }
}

/** Signs in through the login form (and waits for nothing: the caller says where it should land). */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs up through the real form and returns the new project's slug. The server's first account is
 * created at once; every later one finishes through the link e-mailed to the address.
 */
export async function signUp(page: Page, { name, email, project }: { name: string; email: string; project: string }): Promise<string> {
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Project name").fill(project);
  await page.getByRole("button", { name: "Create account" }).click();
  const landed = /\/p\/[a-z0-9-]+\/settings\/api-keys$/;
  const inbox = page.getByRole("status").filter({ hasText: "Check your inbox" });
  await expect(inbox.or(page.getByRole("heading", { name: "API Keys", exact: true }))).toBeVisible({ timeout: 15_000 });
  if (await inbox.isVisible()) {
    const link = /https?:\/\/\S+\/signup\/verify#\S+/.exec(latestMailTo(email)?.body ?? "")?.[0];
    expect(link, `a sign-up link in the e-mail to ${email}`).toBeTruthy();
    await page.goto(link!);
    await hydrated(page);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
  }
  await expect(page).toHaveURL(landed, { timeout: 15_000 });
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

/** On the Members page: "Copy invite link" from an invitation's row menu; returns the link the dialog shows. */
export async function copyInviteLink(page: Page, email: string): Promise<string> {
  await page.getByRole("button", { name: `Actions for ${email}` }).click();
  await page.getByRole("menuitem", { name: "Copy invite link" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite link" });
  const link = await dialog.getByRole("textbox", { name: "Invite link" }).inputValue();
  await dialog.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  return link;
}

/** Follows an invite link with no account yet: the e-mail is fixed, no project is asked; lands in the project. */
export async function signUpFromLink(page: Page, link: string, { name, email, project }: { name: string; email: string; project: string }): Promise<void> {
  await page.goto(new URL(link).pathname);
  await hydrated(page);
  await expect(page.getByRole("heading", { name: `Join ${project}` })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Email")).not.toBeEditable();
  await expect(page.getByLabel("Project name")).toHaveCount(0);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: `Create account and join ${project}` }).click();
  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+\/settings\/api-keys$/, { timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await hydrated(page);
}

/** On the Members page: "Add member" with an e-mail and a role, through the dialog. */
export async function addMember(page: Page, email: string, role: "Owner" | "Admin" | "Viewer"): Promise<void> {
  await page.getByRole("button", { name: "Add member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add member" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("radio", { name: role, exact: true }).click();
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Copies the key the reveal dialog shows ("Copy", then "Done") and returns it. */
export async function copyRevealedKey(page: Page): Promise<string> {
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  const secret = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  return secret;
}

/** Creates a key on the API Keys page (role Admin unless named) and returns its secret. */
export async function createKey(page: Page, name: string, role = "Admin"): Promise<string> {
  await page.getByRole("button", { name: "Create key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill(name);
  await create.getByRole("radio", { name: role }).click();
  await create.getByRole("button", { name: "Create" }).click();
  return copyRevealedKey(page);
}
