import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { addMember, confirmItsYou, hydrated, PASSWORD, signUp, uniqueEmail } from "./support";

// Codes are computed here as an authenticator app would, from the setup key the page shows.
const codeAt = (secret: string, ms: number) => TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: ms });
// The server accepts a code once, so a sign-in after enrolment uses the next step's code (allowed drift: one step).
const nextCode = (secret: string) => codeAt(secret, Date.now() + 30_000);

/** Sets up two-factor from the account page; returns the setup key and the recovery codes. */
async function enrolTwoFactor(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  const cspErrors: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  await page.getByRole("link", { name: "Account" }).click();
  await page.getByRole("link", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor sign-in", level: 1 })).toBeVisible();
  await hydrated(page);
  await expect(page.getByText("Two-factor sign-in is off.")).toBeVisible();
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await confirmItsYou(page);

  // The QR code is drawn on the server and loads under the page's CSP.
  const qr = page.getByRole("img", { name: "QR code to add Latchkey to your authenticator app" });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const secret = (await page.getByLabel("Setup key").innerText()).replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Code from the app").fill("12345");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("Enter the 6-digit code from your authenticator app.")).toBeVisible();
  await page.getByLabel("Code from the app").fill(codeAt(secret, Date.now()));
  await page.getByRole("button", { name: "Turn on" }).click();

  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = (await list.getByRole("listitem").allInnerTexts()).map((c) => c.trim());
  for (const code of recoveryCodes) expect(code).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);
  await page.screenshot({ path: "e2e/.artifacts/screens/recovery-codes.png" });
  await page.getByRole("button", { name: "I have saved these codes" }).click();
  await expect(page.getByText(/Two-factor sign-in is on/)).toBeVisible();
  await expect(page.getByText("10 of 10 recovery codes left.")).toBeVisible();
  expect(cspErrors).toEqual([]);
  return { secret, recoveryCodes };
}

async function signOut(page: Page) {
  await page.goto("/");
  await hydrated(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Signs in with e-mail and password; two-factor asks for the code as a second step. */
async function signInUpToCode(page: Page, email: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Authentication code")).toBeVisible();
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test("enrol TOTP, then sign in with a code; a recovery code works once", async ({ page }) => {
  const email = uniqueEmail("tess");
  const slug = await signUp(page, { name: "Tess", email, project: "Second Factor" });
  const { secret, recoveryCodes } = await enrolTwoFactor(page);
  await signOut(page);

  // The password alone no longer signs in; a wrong code is refused; the current code signs in.
  await signInUpToCode(page, email);
  const right = nextCode(secret);
  await enterCode(page, right === "000000" ? "111111" : "000000");
  await expect(page.getByText("That code is not right, or it was used already.")).toBeVisible();
  await enterCode(page, right);
  await expect(page).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys$`));
  await signOut(page);

  // A recovery code signs in once; the same code again is refused.
  await signInUpToCode(page, email);
  await enterCode(page, recoveryCodes[0]);
  await expect(page).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys$`));
  await signOut(page);
  await signInUpToCode(page, email);
  await enterCode(page, recoveryCodes[0]);
  await expect(page.getByText("That code is not right, or it was used already.")).toBeVisible();
  await enterCode(page, recoveryCodes[1].toUpperCase());
  await expect(page).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys$`));

  await page.goto("/account/two-factor");
  await expect(page.getByText("8 of 10 recovery codes left.")).toBeVisible();
});

test("an owner requires two-factor for every member; a member without it is sent to set it up", async ({ page, browser }) => {
  const slug = await signUp(page, { name: "Rhea Owner", email: uniqueEmail("rhea"), project: "Locked Down" });
  await enrolTwoFactor(page);
  await page.goto(`/p/${slug}/settings/api-keys`);

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const memberEmail = uniqueEmail("milo");
  await signUp(member, { name: "Milo Member", email: memberEmail, project: "Milo's own" });

  await page.getByRole("link", { name: "Members" }).click();
  await hydrated(page);
  await addMember(page, memberEmail, "Viewer");

  // The switch is on the project's Security page; sudo mode still holds from setting up two-factor.
  await page.getByRole("link", { name: "Security" }).click();
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await hydrated(page);
  await expect(page.getByText("1 member does not have two-factor sign-in yet.")).toBeVisible();
  const required = page.getByRole("switch", { name: "Require two-factor for every member" });
  await expect(required).not.toBeChecked();
  await required.click();
  await expect(required).toBeChecked();
  await page.screenshot({ path: "e2e/.artifacts/screens/security.png" });

  // The member without two-factor is sent to set it up, and gets in once they have.
  await member.goto(`/p/${slug}/settings/api-keys`);
  await expect(member).toHaveURL(new RegExp(`/account/two-factor\\?project=${slug}$`));
  await expect(member.getByText("The project “Locked Down” requires two-factor sign-in for every member.")).toBeVisible();
  await member.goto(`/p/${slug}/settings/audit-log`);
  await expect(member).toHaveURL(/\/account\/two-factor\?project=/);
  await hydrated(member);
  await member.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await confirmItsYou(member);
  const secret = (await member.getByLabel("Setup key").innerText()).replace(/\s+/g, "");
  await member.getByLabel("Code from the app").fill(codeAt(secret, Date.now()));
  await member.getByRole("button", { name: "Turn on" }).click();
  await member.getByRole("button", { name: "I have saved these codes" }).click();
  await member.getByRole("link", { name: "Continue to Locked Down" }).click();
  await expect(member.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await expect(member.getByText("You are a viewer in this project")).toBeVisible();

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("row", { name: /project\.updated/ }).first()).toBeVisible();
  await memberContext.close();
});
