import { expect, test } from "@playwright/test";
import { hydrated, latestMailTo, PASSWORD, signUp, uniqueEmail } from "./support";

// Self sign-up answers the same whether or not the e-mail has an account (SPEC §13); only the
// inbox learns which it was.
test("signing up with an e-mail that already has an account looks exactly like a new sign-up", async ({ page, browser }) => {
  const taken = uniqueEmail("taken");
  await signUp(page, { name: "Tess Taken", email: taken, project: "Taken Co" });

  const stranger = await browser.newPage();
  const answers: string[] = [];
  for (const email of [taken, uniqueEmail("brand-new")]) {
    await stranger.goto("/signup");
    await hydrated(stranger);
    await stranger.getByLabel("Name", { exact: true }).fill("Sam Stranger");
    await stranger.getByLabel("Email").fill(email);
    await stranger.getByLabel("Password").fill(PASSWORD);
    await stranger.getByLabel("Project name").fill("Lure: verify at https://evil.example now");
    await stranger.getByRole("button", { name: "Create account" }).click();
    const status = stranger.getByRole("status").filter({ hasText: "Check your inbox" });
    await expect(status).toBeVisible();
    answers.push((await status.innerText()).replace(email, "<email>"));
  }
  expect(answers[0]).toBe(answers[1]);
  await expect(stranger).toHaveURL(/\/signup$/);

  // The owner of the taken address is told, with no text the stranger typed.
  const mail = latestMailTo(taken);
  expect(mail?.subject).toBe("Sign-up attempt for your Latchkey account");
  expect(mail?.body).not.toContain("evil.example");
  expect(mail?.body).not.toMatch(/signup\/verify/);
  await stranger.close();
});

test("a sign-up link without its token, or with a forged one, creates nothing", async ({ page }) => {
  await page.goto("/signup/verify");
  await hydrated(page);
  await expect(page.getByRole("alert").filter({ hasText: "needs the link from your e-mail" })).toBeVisible();

  await page.goto("/signup/verify#v1.forged.token.value");
  await hydrated(page);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This link is not valid")).toBeVisible();
  await expect(page).toHaveURL(/\/signup\/verify/);
});
