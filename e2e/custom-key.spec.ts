import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support";

test("a Custom key with campaigns read & write can create a campaign and is denied users", async ({ page, request }) => {
  await signUp(page, { name: "Cleo", email: uniqueEmail("cleo"), project: "Custom Co" });
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("Campaign bot");
  await create.getByRole("radio", { name: "Custom" }).click();
  await create.getByLabel("Campaigns access").selectOption("read_write");
  await create.getByLabel("Campaigns access").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/screens/custom-key.png" });
  await create.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  const key = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  expect(key).toMatch(/^lk_sk_/);
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row", { name: /Campaign bot/ })).toContainText("Custom");

  const campaign = await request.post("/api/v1/campaigns", { headers: { Authorization: `Bearer ${key}` }, data: { name: "Winter sale" } });
  expect(campaign.status()).toBe(201);
  expect(await campaign.json()).toMatchObject({ name: "Winter sale" });
  const listed = await request.get("/api/v1/campaigns", { headers: { Authorization: `Bearer ${key}` } });
  expect((await listed.json()).data).toHaveLength(1);

  const users = await request.post("/api/v1/users", { headers: { Authorization: `Bearer ${key}` }, data: { externalId: "u1" } });
  expect(users.status()).toBe(403);
  const denied = await users.json();
  expect(denied.error.code).toBe("insufficient_permissions");
  expect(denied.error.message).toContain('"custom"');

  // The edit dialog shows the stored levels.
  await page.getByRole("button", { name: "Actions for Campaign bot" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit API key" });
  await expect(edit.getByLabel("Campaigns access")).toHaveValue("read_write");
  await expect(edit.getByLabel("Users access")).toHaveValue("none");
  await edit.getByRole("button", { name: "Cancel" }).click();

  // The denied call is in the Audit log, attributed to the key, never showing the key itself.
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", exact: true })).toBeVisible();
  const deniedRow = page.getByRole("row", { name: /api\.denied/ });
  await expect(deniedRow).toContainText("Campaign bot");
  await expect(deniedRow).toContainText("POST /api/v1/users");
  await expect(deniedRow).toContainText("insufficient_permissions");
  await expect(page.getByText(key)).toHaveCount(0);
});
