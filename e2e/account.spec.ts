import { expect, test, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { hydrated, PASSWORD, signIn, signUp, uniqueEmail } from "./support";

// Passwords and sessions (SPEC §13): the Account page, sign-out, and reset links.

const NEW_PASSWORD = "orbit-velvet-quarry-42";

// A fresh production server loads each route's code on its first request; on a busy machine the
// first sign-up then outlasts support.ts's 5 s wait. These tests are about sessions, not that.
test.beforeAll(async ({ request }) => {
  for (const path of ["/signup", "/login", "/api/auth/csrf", "/api/auth/session", "/account", "/forgot-password"]) await request.get(path);
});

async function secondBrowser(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  return { context, page };
}

async function openAccount(page: Page) {
  await page.getByRole("link", { name: "Account", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Account", exact: true })).toBeVisible();
  await hydrated(page);
}

test("a password change ends another browser's session on its next request", async ({ page, browser }) => {
  const email = uniqueEmail("paula");
  const slug = await signUp(page, { name: "Paula Changer", email, project: "Change Co" });
  const other = await secondBrowser(browser, email);

  await openAccount(page);
  const section = page.getByRole("region", { name: "Password" });
  await section.getByLabel("Current password").fill(PASSWORD);
  await section.getByLabel("New password").fill("password1");
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(section.getByText(/too easy to guess/)).toBeVisible();

  await section.getByLabel("New password").fill(NEW_PASSWORD);
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(section.getByText("Your password was changed. Every other session was signed out.")).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/screens/account.png", fullPage: true });

  // The other browser is signed out on its next request; this one stays signed in.
  await other.page.reload();
  await expect(other.page).toHaveURL(/\/login/);
  await page.goto(`/p/${slug}/settings/api-keys`);
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();

  // The old password no longer signs in; the new one does.
  await signIn(other.page, email, PASSWORD);
  await expect(other.page.getByText("The email or password is not correct.")).toBeVisible();
  await signIn(other.page, email, NEW_PASSWORD);
  await expect(other.page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await other.context.close();
});

test("after sign-out, the old session cookie replayed in another browser lands on /login", async ({ page, browser, context }) => {
  const email = uniqueEmail("sam");
  const slug = await signUp(page, { name: "Sam Signout", email, project: "Signout Co" });
  const stolen = await context.cookies();
  expect(stolen.some((c) => c.name === "next-auth.session-token")).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const thief = await browser.newContext();
  await thief.addCookies(stolen);
  const thiefPage = await thief.newPage();
  await thiefPage.goto(`/p/${slug}/settings/api-keys`);
  await expect(thiefPage).toHaveURL(/\/login/);
  await expect(thiefPage.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await thief.close();
});

test("next-auth's sign-out page is the app's own, with the security headers, and signs out", async ({ page }) => {
  await signUp(page, { name: "Otto Page", email: uniqueEmail("otto"), project: "Headers Co" });
  const response = await page.goto("/api/auth/signout");
  expect(new URL(page.url()).pathname).toBe("/sign-out");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  await hydrated(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
});

test("'Sign out everywhere' on the Account page signs out this browser and the others", async ({ page, browser }) => {
  const email = uniqueEmail("eve");
  const slug = await signUp(page, { name: "Eve Everywhere", email, project: "Everywhere Co" });
  const other = await secondBrowser(browser, email);
  await openAccount(page);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.getByRole("alertdialog", { name: "Sign out everywhere?" }).getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`/p/${slug}/settings/api-keys`);
  await expect(page).toHaveURL(/\/login/);
  await other.page.reload();
  await expect(other.page).toHaveURL(/\/login/);
  await other.context.close();
});

/**
 * A reset link as the service makes one: this server has no SMTP_URL, so no mail is sent; the
 * token is written to the database as its SHA-256 (the mail itself is covered by Vitest).
 */
function resetLinkFor(email: string, expiresInMs = 60 * 60_000): string {
  const token = randomBytes(32).toString("base64url");
  const conn = new Database(path.resolve("data/e2e.db"));
  try {
    const user = conn.prepare("SELECT id FROM User WHERE email = ?").get(email) as { id: string };
    const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
    conn
      .prepare("INSERT INTO PasswordReset (id, userId, tokenHash, expiresAt, createdAt) VALUES (?, ?, ?, ?, ?)")
      .run(`e2e${randomBytes(8).toString("hex")}`, user.id, createHash("sha256").update(token).digest("hex"), iso(Date.now() + expiresInMs), iso(Date.now()));
  } finally {
    conn.close();
  }
  return `/reset-password/${token}`;
}

test("a reset link sets a new password once and signs the account out everywhere", async ({ page, browser }) => {
  const email = uniqueEmail("rita");
  await signUp(page, { name: "Rita Reset", email, project: "Reset Co" });

  // Without SMTP the forgot-password page says so instead of pretending to send.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/login");
  await visitor.getByRole("link", { name: "Forgot password?" }).click();
  await expect(visitor.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expect(visitor.getByText("This server cannot send e-mail")).toBeVisible();

  const link = resetLinkFor(email);
  await visitor.goto(link);
  await hydrated(visitor);
  await visitor.getByLabel("New password").fill("12345678");
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await expect(visitor.getByText(/too easy to guess/)).toBeVisible();
  await visitor.getByLabel("New password").fill(NEW_PASSWORD);
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await expect(visitor.getByText("Your password was changed, and every session of your account was signed out.")).toBeVisible();

  // The browser that was signed in is signed out; the link does not work twice.
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await visitor.goto(link);
  await expect(visitor.getByText("This reset link is not valid")).toBeVisible();

  // An expired link is refused too.
  await visitor.goto(resetLinkFor(email, -1000));
  await expect(visitor.getByText("This reset link is not valid")).toBeVisible();

  await signIn(visitor, email, NEW_PASSWORD);
  await expect(visitor.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
});
