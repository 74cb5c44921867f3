import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support";

const KEY_FORMAT = /^lk_sk_[0-9A-Za-z]{38}$/;

test("an admin creates a scoped key, copies it once, calls the API, edits, revokes and cannot delete the last key", async ({ page, request }) => {
  const slug = await signUp(page, { name: "Ada Admin", email: uniqueEmail("ada"), project: "Rocket Shop" });

  // A new project has no keys: the empty state explains them.
  await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/screens/api-keys-empty.png", fullPage: true });

  // A channel for the scope picker.
  await page.getByRole("link", { name: "Channels" }).click();
  await expect(page.getByRole("heading", { name: "Channels", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Create channel" }).click();
  const channelDialog = page.getByRole("dialog", { name: "Create channel" });
  await channelDialog.getByLabel("Name").fill("Marketing");
  await expect(channelDialog.getByLabel("Slug")).toHaveValue("marketing");
  await channelDialog.getByRole("button", { name: "Create" }).click();
  await expect(channelDialog).toBeHidden();
  await expect(page.getByRole("cell", { name: "marketing", exact: true })).toBeVisible();

  // Create an Editor key scoped to that channel.
  await page.getByRole("link", { name: "API Keys" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("Backend");
  await create.getByRole("radio", { name: "Editor" }).click();
  await create.getByRole("radio", { name: "Channel scoped" }).click();
  await create.getByRole("checkbox", { name: "marketing" }).click();
  await page.screenshot({ path: "e2e/.artifacts/screens/create-dialog.png", fullPage: true });
  await create.getByRole("button", { name: "Create" }).click();

  // The reveal dialog shows the whole key once; Copy puts it on the clipboard.
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  await expect(reveal).toBeVisible();
  const key = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  expect(key).toMatch(KEY_FORMAT);
  await expect(reveal.getByText("will not be shown again")).toBeVisible();
  await expect(reveal.locator("pre")).toContainText(`Authorization: Bearer ${key}`);
  await page.screenshot({ path: "e2e/.artifacts/screens/reveal-dialog.png", fullPage: true });
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  // The table shows a preview, never the key.
  const row = page.getByRole("row", { name: /Backend/ });
  await expect(row).toContainText(`lk_sk_…${key.slice(-4)}`);
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(row.getByRole("cell").nth(5)).toHaveText("Never");

  // The key works with both header styles and reports its role and channels.
  for (const headers of [{ Authorization: `Bearer ${key}` }, { "X-API-Key": key }] as Record<string, string>[]) {
    const me = await request.get("/api/v1/me", { headers });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ name: "Backend", role: "editor", scope: "channels", channels: ["marketing"], project: { slug } });
  }

  // "Last used" now shows a time, with the exact time on hover.
  await page.reload();
  const lastUsed = page
    .getByRole("row", { name: /Backend/ })
    .getByRole("cell")
    .nth(5);
  await expect(lastUsed).toHaveText(/^(just now|.+ ago)$/);
  await expect(lastUsed.locator("time")).toHaveAttribute("title", /\d/);
  await page.screenshot({ path: "e2e/.artifacts/screens/api-keys-table.png", fullPage: true });

  // Edit: a new name and the Support role take effect on the next request; the key is unchanged.
  await page.getByRole("button", { name: "Actions for Backend" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit API key" });
  await expect(edit.getByRole("radio", { name: "Client" })).toBeDisabled();
  await edit.getByLabel("Name").fill("Backend v2");
  await edit.getByRole("radio", { name: "Support" }).click();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("row", { name: /Backend v2/ })).toContainText("Support");
  const afterEdit = await request.get("/api/v1/me", { headers: { "X-API-Key": key } });
  expect(await afterEdit.json()).toMatchObject({ name: "Backend v2", role: "support" });

  // Revoke: the very next call is 401 key_revoked.
  await page.getByRole("button", { name: "Actions for Backend v2" }).click();
  await page.getByRole("menuitem", { name: "Revoke" }).click();
  await page.getByRole("alertdialog", { name: "Revoke API key" }).getByRole("button", { name: "Revoke" }).click();
  // Revoked keys are hidden by default, and listed under the status "Revoked".
  await expect(page.getByRole("row", { name: /Backend v2/ })).toHaveCount(0);
  await page.getByLabel("Status").selectOption("revoked");
  await expect(page.getByRole("row", { name: /Backend v2/ })).toContainText("Revoked");
  // A revoked key no longer has an expiry to show.
  await expect(
    page
      .getByRole("row", { name: /Backend v2/ })
      .getByRole("cell")
      .nth(6),
  ).toHaveText("—");
  const revoked = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.code).toBe("key_revoked");

  // Deleting the project's last key is refused with the spec's message, and the key stays.
  await page.getByRole("button", { name: "Actions for Backend v2" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const confirmDelete = page.getByRole("alertdialog", { name: "Delete API key" });
  await confirmDelete.getByRole("button", { name: "Delete" }).click();
  await expect(confirmDelete.getByRole("alert")).toContainText("last API key");
  await expect(confirmDelete.getByRole("alert")).toContainText("Create another key first, or revoke");
  await confirmDelete.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("row", { name: /Backend v2/ })).toBeVisible();
});

test("field errors show under the field and change nothing", async ({ page }) => {
  await signUp(page, { name: "Bo", email: uniqueEmail("bo"), project: "Errors Inc" });
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("x".repeat(101));
  await create.getByRole("radio", { name: "Channel scoped" }).click();
  await create.getByRole("button", { name: "Create" }).click();
  await expect(create.getByText("Name must be at most 100 characters.")).toBeVisible();
  await expect(create.getByText("Choose at least one channel")).toBeVisible();
  await expect(create.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  // The server takes today as an expiry date (the key stops at the end of the day, UTC); so does the picker.
  await create.getByLabel("Expires").selectOption("custom");
  await expect(create.getByLabel("Expiry date")).toHaveAttribute("min", new Date().toISOString().slice(0, 10));
  await create.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
});

test("a publishable key can be revealed again; last used shows the caller's real address", async ({ page, request }) => {
  await signUp(page, { name: "Cy", email: uniqueEmail("cy"), project: "Web Shop" });
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("Browser");
  await create.getByRole("radio", { name: "Client" }).click();
  await create.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  const key = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  expect(key).toMatch(/^lk_pk_[0-9A-Za-z]{38}$/);
  await expect(reveal.getByText("safe in browser code")).toBeVisible();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  await page.getByRole("button", { name: "Actions for Browser" }).click();
  await page.getByRole("menuitem", { name: "Reveal" }).click();
  await expect(reveal.getByRole("textbox", { name: "API key" })).toHaveValue(key);
  await reveal.getByRole("button", { name: "Done" }).click();

  // A client-sent X-Forwarded-For is not believed: the server records the socket's address.
  const me = await request.get("/api/v1/me", { headers: { "X-API-Key": key, "X-Forwarded-For": "6.6.6.6" } });
  expect((await me.json()).role).toBe("client");
  await page.reload();
  const lastUsed = page
    .getByRole("row", { name: /Browser/ })
    .getByRole("cell")
    .nth(5)
    .locator("time");
  await expect(lastUsed).toHaveAttribute("title", /from 127\.0\.0\.1$/);
});
