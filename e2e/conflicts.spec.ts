import { expect, test, type Page } from "@playwright/test";
import { hydrated, signUp, uniqueEmail } from "./support";

// SPEC §6: edits are conflict-safe. Two tabs of one admin (two browser contexts, one session)
// edit the same key; the stale save is refused with who and when, and nothing is overwritten.

/** A setting on the key's page, by its label. */
const setting = (page: Page, label: string) => page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd");

async function openEdit(page: Page, name: string) {
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit API key" });
  await expect(edit).toBeVisible();
  return edit;
}

test("a save over another tab's edit is refused with who and when, keeps that edit, and succeeds after Reload", async ({ page, context, browser }) => {
  const email = uniqueEmail("tabs");
  const slug = await signUp(page, { name: "Tess Tabs", email, project: "Two Tabs" });
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("Checkout");
  await create.getByRole("radio", { name: "Support" }).click();
  await create.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  // Tab B: the same person in a second browser context.
  const other = await browser.newContext({ storageState: await context.storageState() });
  const tabB = await other.newPage();
  await tabB.goto(`/p/${slug}/settings/api-keys`);
  await hydrated(tabB);

  const editA = await openEdit(page, "Checkout");
  const editB = await openEdit(tabB, "Checkout");

  await editB.getByLabel("Name").fill("Checkout v2");
  await editB.getByRole("radio", { name: "Editor" }).click();
  await editB.getByRole("button", { name: "Save" }).click();
  await expect(editB).toBeHidden();
  await expect(tabB.getByRole("row", { name: /Checkout v2/ })).toContainText("Editor");

  // Tab A only changed the rate limit, on the form it opened before B's save.
  await editA.getByRole("textbox", { name: "Rate limit" }).fill("30");
  await editA.getByRole("button", { name: "Save" }).click();
  const conflict = editA.getByRole("alert");
  await expect(conflict).toContainText("This key changed since you opened it");
  await expect(conflict).toContainText(`${email} changed it just now`);
  await expect(conflict.getByRole("button", { name: "Reload" })).toBeFocused();
  await expect(editA).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/screens/edit-conflict.png" });

  // Nothing of B's edit is lost.
  await tabB.reload();
  const row = tabB.getByRole("row", { name: /Checkout v2/ });
  await expect(row).toContainText("Editor");
  await tabB.getByRole("link", { name: "Checkout v2" }).click();
  await expect(setting(tabB, "Role")).toHaveText(/^Editor/);
  await expect(setting(tabB, "Rate limit")).toHaveText("None");

  // Reload puts the key as it is now in A's form; A's change then saves over it.
  await conflict.getByRole("button", { name: "Reload" }).click();
  await expect(editA.getByLabel("Name")).toHaveValue("Checkout v2");
  await expect(editA.getByRole("radio", { name: "Editor" })).toBeChecked();
  await expect(editA.getByRole("textbox", { name: "Rate limit" })).toHaveValue("");
  await expect(editA.getByLabel("Name")).toBeFocused();
  await editA.getByRole("textbox", { name: "Rate limit" }).fill("30");
  await editA.getByRole("button", { name: "Save" }).click();
  await expect(editA).toBeHidden();
  await expect(page.getByRole("row", { name: /Checkout v2/ })).toContainText("Editor");
  await tabB.reload();
  await expect(tabB.getByRole("heading", { name: "Checkout v2" })).toBeVisible();
  await expect(setting(tabB, "Role")).toHaveText(/^Editor/);
  await expect(setting(tabB, "Rate limit")).toHaveText("30 requests per minute");
  await other.close();
});

test("a channel rename over another tab's rename is refused and keeps it; after Reload the rename saves", async ({ page, context, browser }) => {
  const email = uniqueEmail("chan");
  const slug = await signUp(page, { name: "Cy Channel", email, project: "Channel Tabs" });
  await page.getByRole("link", { name: "Channels" }).click();
  await page.getByRole("button", { name: "Create channel" }).click();
  const create = page.getByRole("dialog", { name: "Create channel" });
  await create.getByLabel("Name").fill("News");
  await create.getByRole("button", { name: "Create" }).click();
  await expect(create).toBeHidden();

  const other = await browser.newContext({ storageState: await context.storageState() });
  const tabB = await other.newPage();
  await tabB.goto(`/p/${slug}/settings/channels`);
  await hydrated(tabB);
  const rename = async (tab: Page) => {
    await tab.getByRole("button", { name: "Actions for News" }).click();
    await tab.getByRole("menuitem", { name: "Rename" }).click();
    return tab.getByRole("dialog", { name: "Rename channel" });
  };
  const renameA = await rename(page);
  const renameB = await rename(tabB);
  await renameB.getByLabel("Name").fill("Newsletter");
  await renameB.getByRole("button", { name: "Save" }).click();
  await expect(renameB).toBeHidden();

  await renameA.getByLabel("Name").fill("Press");
  await renameA.getByRole("button", { name: "Save" }).click();
  const conflict = renameA.getByRole("alert");
  await expect(conflict).toContainText("This channel changed since you opened it");
  await expect(conflict).toContainText(email);
  await tabB.reload();
  await expect(tabB.getByRole("cell", { name: "Newsletter", exact: true })).toBeVisible();

  await conflict.getByRole("button", { name: "Reload" }).click();
  await expect(renameA.getByLabel("Name")).toHaveValue("Newsletter");
  await renameA.getByLabel("Name").fill("Press");
  await renameA.getByRole("button", { name: "Save" }).click();
  await expect(renameA).toBeHidden();
  await expect(page.getByRole("cell", { name: "Press", exact: true })).toBeVisible();
  await other.close();
});
