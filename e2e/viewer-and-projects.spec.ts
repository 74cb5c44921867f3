import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { hydrated, PASSWORD, signUp, uniqueEmail } from "./support";

// Members are managed in a later issue; until then this test adds the viewer membership directly
// in the server's SQLite file (WAL mode lets both open it).
function addMember(email: string, projectSlug: string, role: string) {
  const file = process.env.E2E_SQLITE_FILE ?? "data/e2e.db";
  const conn = new Database(file);
  try {
    const user = conn.prepare("SELECT id FROM User WHERE email = ?").get(email) as { id: string };
    const project = conn.prepare("SELECT id FROM Project WHERE slug = ?").get(projectSlug) as { id: string };
    conn.prepare("INSERT INTO Membership (id, userId, projectId, role, createdAt) VALUES (?, ?, ?, ?, ?)").run(`e2e${randomBytes(8).toString("hex")}`, user.id, project.id, role, Date.now());
  } finally {
    conn.close();
  }
}

test("a viewer sees the keys but no control that changes them", async ({ page }) => {
  const ownerSlug = await signUp(page, { name: "Olive Owner", email: uniqueEmail("olive"), project: "Shared Space" });
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("Shared key");
  await create.getByRole("button", { name: "Create" }).click();
  await page.getByRole("dialog", { name: "Copy your API key" }).getByRole("button", { name: "Copy", exact: true }).click();
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const viewerEmail = uniqueEmail("victor");
  await signUp(page, { name: "Victor Viewer", email: viewerEmail, project: "Victor's own" });
  addMember(viewerEmail, ownerSlug, "viewer");

  await page.goto(`/p/${ownerSlug}/settings/api-keys`);
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /Shared key/ })).toBeVisible();
  await expect(page.getByText("You are a viewer in this project")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create key" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);
  await page.screenshot({ path: "e2e/.artifacts/screens/viewer-api-keys.png", fullPage: true });

  // The key's page: its id to copy, none of its actions.
  await page.getByRole("link", { name: "Shared key" }).click();
  await expect(page.getByRole("heading", { name: "Shared key", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy key id" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Key actions" })).toHaveCount(0);
  for (const action of ["Edit", "Rotate", "Disable", "Revoke", "Delete"]) await expect(page.getByRole("button", { name: action, exact: true })).toHaveCount(0);

  await page.getByRole("link", { name: "Channels" }).click();
  await expect(page.getByRole("heading", { name: "Channels", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create channel" })).toHaveCount(0);
});

test("the project switcher lists projects and creates a new one; signing in lands on the last project", async ({ page }) => {
  const email = uniqueEmail("pia");
  const first = await signUp(page, { name: "Pia", email, project: "First Project" });

  await page.getByRole("button", { name: /Switch project/ }).click();
  await page.getByRole("menuitem", { name: "New project" }).click();
  await hydrated(page);
  await page.getByLabel("Project name").fill("Second Project");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/p\/second-project[a-z0-9-]*\/settings\/api-keys$/);
  await hydrated(page);
  const second = new URL(page.url()).pathname.split("/")[2];
  expect(second).not.toBe(first);

  await page.getByRole("button", { name: /Switch project/ }).click();
  await expect(page.getByRole("menuitem", { name: /First Project/ })).toBeVisible();
  await page.getByRole("menuitem", { name: /First Project/ }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${first}/settings/api-keys$`));

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not correct" })).toHaveText("The email or password is not correct.");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${first}/settings/api-keys$`));
});

test("a signed-out visitor of a dashboard page is sent to the login page", async ({ page }) => {
  const response = await page.goto("/p/anything/settings/api-keys");
  expect(response?.status()).toBeLessThan(400);
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fp%2Fanything%2Fsettings%2Fapi-keys/);
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});
