import { expect, test, type Browser } from "@playwright/test";
import { hydrated, PASSWORD, signUp, uniqueEmail } from "./support";

// SPEC §13: limits never let a stranger lock an owner out. playwright.config.ts runs the server
// with TRUST_PROXY_HOPS=1, so each browser context below says which address it comes from through
// X-Forwarded-For, as a reverse proxy would (a context without the header is 127.0.0.1).

async function browserFrom(browser: Browser, address: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": address } });
  const page = await context.newPage();
  return { context, page };
}

async function signInWith(page: import("@playwright/test").Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an owner locked out by ten wrong passwords from one address signs in from another", async ({ page, browser }) => {
  const email = uniqueEmail("owner");
  const slug = await signUp(page, { name: "Olive", email, project: "Lockout Proof" });

  // A stranger who knows the owner's e-mail tries ten wrong passwords from one address.
  const stranger = await browserFrom(browser, "203.0.113.50");
  await stranger.page.goto("/login");
  await hydrated(stranger.page);
  const messages: string[] = [];
  for (let i = 0; i < 10; i++) {
    await signInWith(stranger.page, email, `not-the-password-${i}`);
    const alert = stranger.page.getByRole("alert");
    await expect(alert).toBeVisible();
    await expect(stranger.page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    messages.push((await alert.textContent()) ?? "");
  }
  expect(messages.slice(0, 5)).toEqual(Array(5).fill("The email or password is not correct."));
  for (const message of messages.slice(5)) expect(message).toMatch(/^Too many sign-in attempts\. Try again in \d+ seconds?\.$/);
  // From that address even the right password now waits: the refusal says so, not "not possible right now".
  await signInWith(stranger.page, email, PASSWORD);
  await expect(stranger.page.getByRole("alert")).toHaveText(/^Too many sign-in attempts\. Try again in \d+ seconds?\.$/);
  await stranger.page.screenshot({ path: "e2e/.artifacts/screens/sign-in-too-many-attempts.png" });
  await expect(stranger.page).toHaveURL(/\/login/);

  // The owner, from their own address, signs in at once and lands in their project.
  const owner = await browserFrom(browser, "198.51.100.60");
  await owner.page.goto("/login");
  await hydrated(owner.page);
  await signInWith(owner.page, email, PASSWORD);
  await expect(owner.page).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys$`));
  await expect(owner.page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();

  await stranger.context.close();
  await owner.context.close();
});
