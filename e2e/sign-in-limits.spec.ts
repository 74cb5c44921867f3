import { expect, test, type Browser } from "@playwright/test";
import { tcpProxy } from "../lib/testing/tcp-proxy";
import { hydrated, PASSWORD, signUp, uniqueEmail } from "./support";

// SPEC §13: limits never let a stranger lock an owner out. The server listens on 127.0.0.1 and
// believes no X-Forwarded-For (TRUST_PROXY_HOPS=0), so the stranger's browser reaches it through a
// TCP relay whose connections come from 127.0.0.2: to the server, another machine. The owner's
// browser connects directly, from 127.0.0.1.

const TOO_MANY = /^Too many sign-in attempts\. Try again in \d+ seconds?\.$/;

/** A browser whose connections reach the server from `address` (a loopback address other than 127.0.0.1). */
async function browserFrom(browser: Browser, baseURL: string, address: string) {
  const target = new URL(baseURL);
  const relay = await tcpProxy(target.hostname, Number(target.port), { from: address });
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${relay.port}` });
  const page = await context.newPage();
  return { page, close: async () => (await context.close(), await relay.close()) };
}

async function signInWith(page: import("@playwright/test").Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an owner locked out by ten wrong passwords from one address signs in from another", async ({ page, browser, baseURL }) => {
  const email = uniqueEmail("owner");
  const slug = await signUp(page, { name: "Olive", email, project: "Lockout Proof" });

  // A stranger who knows the owner's e-mail tries ten wrong passwords from one address.
  const stranger = await browserFrom(browser, baseURL!, "127.0.0.2");
  await stranger.page.goto("/login");
  await hydrated(stranger.page);
  const refusal = stranger.page.locator("form").getByRole("alert");
  for (let i = 0; i < 10; i++) {
    await signInWith(stranger.page, email, `not-the-password-${i}`);
    // Five wrong passwords are answered as such; from the sixth on, that address has to wait.
    await expect(refusal).toHaveText(i < 5 ? "The email or password is not correct." : TOO_MANY);
    await expect(stranger.page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  // From that address even the right password now waits: the refusal says so, not "not possible right now".
  await signInWith(stranger.page, email, PASSWORD);
  await expect(refusal).toHaveText(TOO_MANY);
  await stranger.page.screenshot({ path: "e2e/.artifacts/screens/sign-in-too-many-attempts.png" });
  await expect(stranger.page).toHaveURL(/\/login/);

  // The owner, from their own address, signs in at once and lands in their project.
  const owner = await browser.newContext({ baseURL });
  const ownerPage = await owner.newPage();
  await ownerPage.goto("/login");
  await hydrated(ownerPage);
  await signInWith(ownerPage, email, PASSWORD);
  await expect(ownerPage).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys$`));
  await expect(ownerPage.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();

  await stranger.close();
  await owner.close();
});
