import { expect, test } from "@playwright/test";

// The server's clock is moved by this spec; put it back whatever happens.
test.afterEach(async ({ request }) => {
  await request.post("/api/test/clock", { data: { offsetMs: 0 } });
});
import { signUp, uniqueEmail } from "./support";

test("rotating a key with a 24-hour grace period: both keys work, 25 hours later only the new one; it is shown once", async ({ page, request }) => {
  await signUp(page, { name: "Rho", email: uniqueEmail("rho"), project: "Rotations" });
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("Billing");
  await create.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  const oldKey = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await reveal.getByRole("button", { name: "Done" }).click();

  await page.getByRole("button", { name: "Actions for Billing" }).click();
  await page.getByRole("menuitem", { name: "Rotate" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate API key" });
  const grace = rotate.getByRole("radiogroup", { name: "Old key stops working" });
  for (const option of ["Now", "In 1 hour", "In 24 hours", "In 48 hours", "In 7 days"]) await expect(grace.getByRole("radio", { name: option })).toBeVisible();
  await grace.getByRole("radio", { name: "In 24 hours" }).click();
  await page.screenshot({ path: "e2e/.artifacts/screens/rotate-dialog.png" });
  await rotate.getByRole("button", { name: "Rotate" }).click();

  await expect(reveal).toBeVisible();
  const newKey = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  expect(newKey).toMatch(/^lk_sk_[0-9A-Za-z]{38}$/);
  expect(newKey).not.toBe(oldKey);
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await reveal.getByRole("button", { name: "Done" }).click();

  for (const key of [oldKey, newKey]) {
    const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });
    expect(me.status()).toBe(200);
  }

  // 25 hours later the old key has expired and the new one still works.
  const moved = await request.post("/api/test/clock", { data: { offsetMs: 25 * 3_600_000 } });
  expect(moved.status()).toBe(200);
  const oldLater = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${oldKey}` } });
  expect(oldLater.status()).toBe(401);
  expect((await oldLater.json()).error.code).toBe("key_expired");
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${newKey}` } })).status()).toBe(200);
  await request.post("/api/test/clock", { data: { offsetMs: 0 } });

  await page.reload();
  await expect(page.getByText(`Replaced by lk_sk_…${newKey.slice(-4)}`)).toBeVisible();
  await expect(page.getByText(newKey)).toHaveCount(0);
  const oldRow = page.getByRole("row", { name: /Replaced by/ });
  await expect(oldRow.getByRole("cell").nth(6)).toHaveText(/in (23|24) hours/);
  await page.screenshot({ path: "e2e/.artifacts/screens/after-rotation.png", fullPage: true });

  // A replaced key cannot be rotated again: its menu does not offer it.
  await oldRow.getByRole("button", { name: /^Actions for/ }).click();
  await expect(page.getByRole("menuitem", { name: "Rotate" })).toHaveCount(0);
});
