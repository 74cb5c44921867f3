import { expect, test } from "@playwright/test";
import { createKey, signUp, uniqueEmail } from "./support";

// SPEC §15: stale and risky keys flagged and revoked in bulk, a key reduced to what it used, and
// the project key policy.

test("a never-used key is flagged and found by the Risk filter; two keys are revoked at once", async ({ page, request }) => {
  const slug = await signUp(page, { name: "Hana", email: uniqueEmail("hana"), project: "Hygiene" });
  await createKey(page, "Forgotten", "Support");
  const busy = await createKey(page, "Busy", "Support");
  await createKey(page, "Also forgotten", "Support");
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${busy}` } })).status()).toBe(200);

  await page.goto(`/p/${slug}/settings/api-keys`);
  const table = page.getByRole("table");
  await expect(table.getByRole("row", { name: /Forgotten/ }).first()).toContainText("Never used");
  await expect(table.getByRole("row", { name: /Busy/ })).not.toContainText("Never used");

  await page.getByLabel("Risk").selectOption({ label: "Never used" });
  await expect(page).toHaveURL(/flag=never_used/);
  await expect(table.getByRole("link", { name: "Forgotten", exact: true })).toBeVisible();
  // The filter reads "last used" as written, every 5 seconds; the badge also sees what is not written yet.
  await expect(async () => {
    await page.reload();
    await expect(table.getByRole("link", { name: "Busy" })).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  await page.getByRole("checkbox", { name: "Select Forgotten" }).check();
  await page.getByRole("checkbox", { name: "Select Also forgotten" }).check();
  await expect(page.getByRole("group", { name: "Bulk actions" })).toContainText("2 selected");
  await page.getByRole("button", { name: "Revoke selected" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Revoke 2 API keys" });
  await expect(confirm).toContainText("Forgotten");
  await expect(confirm).toContainText("Also forgotten");
  await confirm.getByRole("button", { name: "Revoke 2" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("2 keys revoked.")).toBeVisible();
  await expect(table.getByRole("link", { name: "Forgotten", exact: true })).toHaveCount(0);

  await page.goto(`/p/${slug}/settings/audit-log`);
  await expect(page.getByRole("row", { name: /key\.revoked/ })).toHaveCount(2);
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${busy}` } })).status()).toBe(200);
});

test("a key shows the permissions it used and never used, and is reduced to what it used in one click", async ({ page, request }) => {
  const slug = await signUp(page, { name: "Ravi", email: uniqueEmail("ravi"), project: "Least Privilege" });
  const secret = await createKey(page, "Over-privileged", "Editor");
  const auth = { Authorization: `Bearer ${secret}` };
  expect((await request.get("/api/v1/users", { headers: auth })).status()).toBe(200);
  expect((await request.post("/api/v1/campaigns", { headers: auth, data: { name: "Spring" } })).status()).toBe(201);
  expect((await request.get("/api/v1/templates", { headers: auth })).status()).toBe(200);

  await page.goto(`/p/${slug}/settings/api-keys`);
  await page.getByRole("link", { name: "Over-privileged" }).click();
  const permissions = page.getByRole("region", { name: "Permissions" });
  const used = permissions.getByRole("list", { name: "Used in the last 30 days" });
  await expect(used).toContainText("users:read");
  await expect(used).toContainText("campaigns:create");
  await expect(used).toContainText("templates:read");
  await expect(permissions.getByRole("list", { name: "Never used" })).toContainText("documents");
  await page.screenshot({ path: "e2e/.artifacts/screens/key-permissions.png", fullPage: true });

  await permissions.getByRole("button", { name: "Reduce to what it used" }).click();
  await expect(page.getByText("reduced to a Custom key")).toBeVisible();
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings.getByText("Custom", { exact: true })).toBeVisible();
  await expect(settings).toContainText("campaigns: Write");
  await expect(settings).toContainText("templates: Read");
  await expect(settings).toContainText("users: Read");
  await expect(permissions.getByRole("button", { name: "Reduce to what it used" })).toHaveCount(0);

  expect((await request.get("/api/v1/users", { headers: auth })).status()).toBe(200);
  const refused = await request.get("/api/v1/documents", { headers: auth });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("insufficient_permissions");
});

test("an owner sets a key policy: the create dialog offers only allowed expiries, and existing keys are listed, not broken", async ({ page, request }) => {
  const slug = await signUp(page, { name: "Olu", email: uniqueEmail("olu"), project: "Policy" });
  const forever = await createKey(page, "Forever admin", "Admin");

  await page.goto(`/p/${slug}/settings/security`);
  const policy = page.getByRole("region", { name: "Key policy" });
  await policy.getByLabel("Maximum key lifetime (days)").fill("0");
  await policy.getByRole("button", { name: "Save key policy" }).click();
  await expect(policy.getByText("Maximum lifetime: at least 1 day.")).toBeVisible();
  await policy.getByLabel("Maximum key lifetime (days)").fill("60");
  await policy.getByLabel("Require an expiry date for Admin keys").check();
  await policy.getByRole("button", { name: "Save key policy" }).click();
  await expect(page.getByText("Key policy saved.")).toBeVisible();
  const breaking = policy.getByRole("list", { name: "Keys that break the key policy" });
  await expect(breaking.getByRole("listitem").filter({ hasText: "Forever admin" })).toContainText("Admin without expiry");
  await page.screenshot({ path: "e2e/.artifacts/screens/key-policy.png", fullPage: true });
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${forever}` } })).status()).toBe(200);

  await page.goto(`/p/${slug}/settings/api-keys`);
  await page.getByRole("button", { name: "Create key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByRole("radio", { name: "Admin" }).click();
  const expires = create.getByLabel("Expires");
  await expect(expires.locator("option")).toHaveText(["In 30 days", "In 60 days", "On a date…"]);
  await create.getByLabel("Name").fill("Short-lived");
  await expires.selectOption({ label: "In 60 days" });
  await create.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("dialog", { name: "Copy your API key" })).toBeVisible();
});
