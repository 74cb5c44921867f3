import { expect, test, type Page } from "@playwright/test";
import { createKey, hydrated, signUp, uniqueEmail } from "./support";

// Issue 14, "Find a key fast": paste a whole key to open it, search by the last 4 the table shows,
// revoked keys hidden until asked for, sortable columns. All in the address, server-rendered.

/** A key made on the page (support.ts), then seen in the table. */
async function createListedKey(page: Page, name: string): Promise<string> {
  const secret = await createKey(page, name);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  return secret;
}

const keyNames = (page: Page) => page.getByRole("table").getByRole("row").locator("td:first-child a");

test("find a key by pasting it, search by its last 4, hide revoked keys, sort by Created", async ({ page }) => {
  const slug = await signUp(page, { name: "Fay Finder", email: uniqueEmail("fay"), project: "Leak Hunt" });
  const first = await createListedKey(page, "Billing worker");
  const second = await createListedKey(page, "Search indexer");
  const keysPage = `/p/${slug}/settings/api-keys`;

  // Paste the second key's whole secret: its page opens, and the secret is in no address.
  await page.getByLabel("Find a key").fill(second);
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Search indexer", level: 1 })).toBeVisible();
  expect(page.url()).not.toContain(second.slice(6));
  await page.screenshot({ path: "e2e/.artifacts/screens/find-key-opened.png", fullPage: true });

  // A mistyped key (bad checksum) gets the one "no match" answer, and the page stays.
  await page.goto(keysPage);
  await hydrated(page);
  await page.getByLabel("Find a key").fill(`${first.slice(0, -1)}${first.endsWith("a") ? "b" : "a"}`);
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page.getByText("No key of this project matches")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${keysPage}$`));

  // The last 4 the table shows find that key only.
  const last4 = first.slice(-4);
  await expect(page.getByRole("row", { name: /Billing worker/ })).toContainText(`…${last4}`);
  await page.getByLabel("Search by name or last 4").fill(last4);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`\\?q=${last4}$`));
  await expect(keyNames(page)).toHaveText(["Billing worker"]);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(keyNames(page)).toHaveText(["Search indexer", "Billing worker"]);

  // Sorting by Created toggles the order, and says so in aria-sort.
  const created = page.getByRole("columnheader", { name: "Created" });
  await expect(created).toHaveAttribute("aria-sort", "descending");
  await created.getByRole("link", { name: "Created" }).click();
  await expect(page).toHaveURL(/\?dir=asc$/);
  await expect(keyNames(page)).toHaveText(["Billing worker", "Search indexer"]);
  await expect(created).toHaveAttribute("aria-sort", "ascending");
  await created.getByRole("link", { name: "Created" }).click();
  await expect(keyNames(page)).toHaveText(["Search indexer", "Billing worker"]);
  await expect(created).toHaveAttribute("aria-sort", "descending");

  // Revoke one: hidden by default, listed under the status "Revoked".
  await page.getByRole("button", { name: "Actions for Billing worker" }).click();
  await page.getByRole("menuitem", { name: "Revoke" }).click();
  await page.getByRole("alertdialog", { name: "Revoke API key" }).getByRole("button", { name: "Revoke" }).click();
  await expect(keyNames(page)).toHaveText(["Search indexer"]);
  await page.getByLabel("Status").selectOption("revoked");
  await expect(page).toHaveURL(/\?status=revoked$/);
  await expect(keyNames(page)).toHaveText(["Billing worker"]);
  await expect(page.getByRole("row", { name: /Billing worker/ })).toContainText("Revoked");
  await page.screenshot({ path: "e2e/.artifacts/screens/find-key-revoked-filter.png", fullPage: true });
  await page.getByLabel("Status").selectOption("all");
  await expect(keyNames(page)).toHaveText(["Search indexer", "Billing worker"]);

  // A revoked key can still be identified (a leaked key may already be revoked).
  await page.getByLabel("Find a key").fill(first);
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Billing worker", level: 1 })).toBeVisible();

  // An unknown value in the address is dropped with a message, not an error page.
  await page.goto(`${keysPage}?status=deleted&sort=name`);
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await expect(page.getByText("Unknown status “deleted”")).toBeVisible();
  await expect(page.getByText("Unknown sort “name”")).toBeVisible();
  await expect(keyNames(page)).toHaveText(["Search indexer"]);
});
