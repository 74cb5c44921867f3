import { expect, test } from "@playwright/test";
import { createKey, PASSWORD, signUp, uniqueEmail } from "./support";

test("key e-mails land in the local outbox without the secret, and the key's page shows its settings, use, rotations and audit entries", async ({ page, request }) => {
  const email = uniqueEmail("mia");
  const slug = await signUp(page, { name: "Mia", email, project: "Mail Room" });
  const secret = await createKey(page, "Mailer");
  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);

  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { name: "Mailbox" })).toBeVisible();
  // Subjects are fixed text (SPEC §13); the body names the project and the key.
  const created = page.getByRole("article", { name: "An API key was created in your Latchkey project" }).filter({ hasText: 'the API key "Mailer"' });
  await expect(created).toContainText('in the project "Mail Room"');
  await expect(created).toContainText(`${email} created the API key "Mailer" (lk_sk_…${secret.slice(-4)}, role Admin)`);
  await expect(created).toContainText(`/p/${slug}/settings/api-keys/`);
  await expect(page.locator("body")).not.toContainText(secret.slice(6, 38));
  await page.screenshot({ path: "e2e/.artifacts/screens/mailbox.png", fullPage: true });

  // The link in the e-mail is a link, and leads to the key's page; the mailbox leads back to the dashboard.
  await expect(page.getByRole("link", { name: "Back to the dashboard" })).toHaveAttribute("href", "/");
  await created.getByRole("link", { name: /\/settings\/api-keys\/[A-Za-z0-9_-]+$/ }).click();
  await expect(page.getByRole("heading", { name: "Mailer", level: 1 })).toBeVisible();
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings).toContainText(`lk_sk_…${secret.slice(-4)}`);
  await expect(settings).toContainText("Secret");
  await expect(settings).toContainText("All recipients");
  await expect(settings).toContainText(`by Mia (${email})`);
  const lastUsed = page.getByRole("region", { name: "Last used" });
  await expect(lastUsed).toContainText("127.0.0.1");
  await expect(lastUsed).not.toContainText("Never used");
  await expect(page.getByRole("region", { name: "Rotation history" })).toContainText("has not been rotated");
  await expect(page.getByRole("region", { name: "Audit entries" }).getByRole("row", { name: /key\.created/ })).toBeVisible();

  // Rotate from the table; the new key's page lists both keys and the rotation that issued it.
  await page.goto(`/p/${slug}/settings/api-keys`);
  await page.getByRole("button", { name: "Actions for Mailer" }).click();
  await page.getByRole("menuitem", { name: "Rotate" }).click();
  await page.getByRole("dialog", { name: "Rotate API key" }).getByRole("button", { name: "Rotate" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  const replacement = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await page
    .getByRole("row")
    .filter({ hasText: `…${replacement.slice(-4)}` })
    .filter({ hasNotText: "Replaced by" })
    .getByRole("link", { name: "Mailer" })
    .click();
  await expect(page.getByRole("heading", { name: "Mailer", level: 1 })).toBeVisible();
  const history = page.getByRole("list", { name: "Rotations, oldest first" }).getByRole("listitem");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText(`…${secret.slice(-4)}`);
  await expect(history.nth(0)).toContainText("replaced; stops in");
  await expect(history.nth(1)).toContainText(`…${replacement.slice(-4)} (this key)`);
  await expect(page.getByRole("region", { name: "Audit entries" }).getByRole("row", { name: /key\.rotated/ })).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/screens/key-detail.png", fullPage: true });

  await page.goto("/dev/mailbox");
  await expect(page.getByRole("article", { name: "An API key was rotated in your Latchkey project" }).filter({ hasText: 'the API key "Mailer"' })).toContainText(
    `replaced by lk_sk_…${replacement.slice(-4)}`,
  );
  await expect(page.locator("body")).not.toContainText(replacement.slice(6, 38));
});

test("an owner opts in to revealable secret keys after confirming it's them, reveals one (no-store), and turning it off erases them", async ({ page }) => {
  await signUp(page, { name: "Rex", email: uniqueEmail("rex"), project: "Vaults" });
  await createKey(page, "Before");
  await page.getByRole("button", { name: "Actions for Before" }).click();
  await expect(page.getByRole("menuitem", { name: "Reveal" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();

  // A project security setting: the owner confirms it's them first (sudo mode), a wrong password is refused.
  const setting = page.getByRole("switch", { name: "Revealable secret keys" });
  await expect(setting).not.toBeChecked();
  await setting.click();
  const ask = page.getByRole("dialog", { name: "Confirm it's you" });
  await ask.getByLabel("Password").fill("not my password");
  await ask.getByRole("button", { name: "Confirm" }).click();
  await expect(ask.getByText("That password is not right.")).toBeVisible();
  await ask.getByLabel("Password").fill(PASSWORD);
  await ask.getByRole("button", { name: "Confirm" }).click();
  await expect(ask).toBeHidden();
  await expect(setting).toBeChecked();
  const secret = await createKey(page, "After");

  // Within the 10 minutes of sudo mode the reveal asks nothing more.
  await page.getByRole("button", { name: "Actions for After" }).click();
  const response = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
  await page.getByRole("menuitem", { name: "Reveal" }).click();
  expect((await response).headers()["cache-control"]).toContain("no-store");
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  await expect(reveal.getByRole("textbox", { name: "API key" })).toHaveValue(secret);
  await expect(reveal.getByRole("note")).toContainText("an owner can show it again");
  await page.screenshot({ path: "e2e/.artifacts/screens/secret-revealed.png" });
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await reveal.getByRole("button", { name: "Done" }).click();

  // Keys made before the opt-in were never kept, so they still cannot be shown.
  await page.getByRole("button", { name: "Actions for Before" }).click();
  await expect(page.getByRole("menuitem", { name: "Reveal" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();

  await setting.click();
  const confirm = page.getByRole("alertdialog", { name: "Turn off revealable secret keys" });
  await confirm.getByRole("button", { name: "Turn off" }).click();
  await expect(setting).not.toBeChecked();
  await page.getByRole("button", { name: "Actions for After" }).click();
  await expect(page.getByRole("menuitem", { name: "Reveal" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();

  await page.getByRole("link", { name: "After" }).click();
  await expect(page.getByRole("region", { name: "Audit entries" }).getByRole("row", { name: /key\.revealed/ })).toHaveCount(1);
});
