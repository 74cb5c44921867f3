import { expect, test, type Browser, type Page } from "@playwright/test";
import { addMember, copyInviteLink, hydrated, signIn, signUp, signUpFromLink, uniqueEmail } from "./support";

// The e2e server's public URL is its NEXTAUTH_URL, http://127.0.0.1:<port> (playwright.config.ts);
// the same server reached as localhost:<port> is "another address" for the browser.

const banner = (page: Page) => page.getByRole("region", { name: "Public URL" });

async function onLocalhost(browser: Browser, baseURL: string) {
  const other = new URL(baseURL);
  other.hostname = "localhost";
  const context = await browser.newContext({ baseURL: other.origin });
  return { context, page: await context.newPage(), origin: other.origin };
}

test("an owner on another address than the public URL is told e-mail links point elsewhere; on the public URL, or as a viewer, nothing", async ({ page, browser, baseURL }) => {
  const owner = uniqueEmail("olga");
  const slug = await signUp(page, { name: "Olga Owner", email: owner, project: "Address Check" });
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);

  const elsewhere = await onLocalhost(browser, baseURL!);
  await signIn(elsewhere.page, owner);
  await expect(elsewhere.page).toHaveURL(`${elsewhere.origin}/p/${slug}/settings/api-keys`);
  await expect(banner(elsewhere.page)).toHaveText(
    `You are using ${elsewhere.origin}, but links in e-mails point to ${new URL(baseURL!).origin}. Set LATCHKEY_URL to the address people use to reach Latchkey and restart the server, or open Latchkey at ${new URL(baseURL!).origin}.`,
  );
  for (const size of [
    { width: 1400, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await elsewhere.page.setViewportSize(size);
    await elsewhere.page.screenshot({ path: `e2e/.artifacts/screens/public-url-banner-${size.width}.png` });
  }

  // A viewer on the same other address is not told: only owners can change the server's setup.
  await page.getByRole("link", { name: "Members" }).click();
  await hydrated(page);
  const viewer = uniqueEmail("vera");
  await addMember(page, viewer, "Viewer");
  const link = await copyInviteLink(page, viewer);
  const viewerElsewhere = await onLocalhost(browser, baseURL!);
  await signUpFromLink(viewerElsewhere.page, link, { name: "Vera Viewer", email: viewer, project: "Address Check" });
  await expect(viewerElsewhere.page).toHaveURL(new RegExp(`^${viewerElsewhere.origin}/p/${slug}/`));
  await expect(viewerElsewhere.page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await expect(banner(viewerElsewhere.page)).toHaveCount(0);
  await Promise.all([elsewhere.context.close(), viewerElsewhere.context.close()]);
});

test("signing out on another address than the public URL stays on that address", async ({ browser, baseURL, page }) => {
  const email = uniqueEmail("sam");
  await signUp(page, { name: "Sam", email, project: "Sign Out Here" });
  const elsewhere = await onLocalhost(browser, baseURL!);
  await signIn(elsewhere.page, email);
  await expect(elsewhere.page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await hydrated(elsewhere.page);
  await elsewhere.page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(elsewhere.page).toHaveURL(`${elsewhere.origin}/login`);
  await expect(elsewhere.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await elsewhere.context.close();
});
