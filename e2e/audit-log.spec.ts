import { expect, test, type APIRequestContext, type Download } from "@playwright/test";
import { adminApi } from "./fixtures";
import fs from "node:fs";
import { createKey, hydrated, signUp, uniqueEmail } from "./support";

/** `created` keys made and `revoked` of them revoked through the admin API: one audit entry each. */
async function auditedKeyChanges(request: APIRequestContext, adminKey: string, { created, revoked }: { created: number; revoked: number }) {
  const api = adminApi(request, adminKey);
  const ids: string[] = [];
  for (let i = 0; i < created; i++) ids.push((await api.createKey({ name: `Imported ${i}`, role: "client" })).id);
  for (const id of ids.slice(0, revoked)) await api.revokeKey(id);
}

async function csvOf(download: Download): Promise<string> {
  expect(download.suggestedFilename()).toMatch(/^audit-log-[a-z0-9-]+-\d{8}-\d{4}\.csv$/);
  return fs.readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
}

test("the audit log shows key events and refused API calls, filters by action and exports CSV", async ({ page, request, browser }) => {
  const email = uniqueEmail("audrey");
  const slug = await signUp(page, { name: "Audrey Auditor", email, project: "Audit Trail" });

  // A key, created and revoked in the UI.
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill('Billing, "legacy"');
  await create.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  const key = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  await page.getByRole("button", { name: 'Actions for Billing, "legacy"' }).click();
  await page.getByRole("menuitem", { name: "Revoke" }).click();
  await page.getByRole("alertdialog", { name: "Revoke API key" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row", { name: /Billing/ })).toHaveCount(0);
  await page.getByLabel("Status").selectOption("revoked");
  await expect(page.getByRole("row", { name: /Billing/ })).toContainText("Revoked");

  // The revoked key is refused, and the refusal is audited as "api.denied".
  const refused = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("key_revoked");

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", exact: true })).toBeVisible();
  await hydrated(page);
  const table = page.getByRole("table");
  for (const column of ["Time", "Actor", "Action", "Target", "IP", "Details"]) {
    await expect(table.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  const created = table.getByRole("row").filter({ hasText: "key.created" });
  const revoked = table.getByRole("row").filter({ hasText: "key.revoked" });
  const denied = table.getByRole("row").filter({ hasText: "api.denied" });
  await expect(created).toHaveCount(1);
  await expect(revoked).toHaveCount(1);
  await expect(denied).toHaveCount(1);
  await expect(created).toContainText(email);
  await expect(denied).toContainText("GET /api/v1/me");
  await expect(denied).toContainText("code:key_revoked");
  await expect(denied).toContainText("127.0.0.1");
  // Newest first: the refusal came last.
  await expect(table.getByRole("row").nth(1)).toContainText("api.denied");
  // Relative time, with the exact time on hover.
  const time = denied.locator("time");
  await expect(time).toHaveText(/^(just now|.+ ago)$/);
  await time.hover();
  await expect(page.getByRole("tooltip")).toContainText(/\d{4}/);
  await page.mouse.move(700, 700, { steps: 5 });
  await expect(page.getByRole("tooltip")).toHaveCount(0);
  await page.screenshot({ path: "e2e/.artifacts/screens/audit-log.png", fullPage: true });

  // Filter by action: only the revocation is left, and the address keeps the filter.
  await page.getByLabel("Action").selectOption("key.revoked");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(denied).toHaveCount(0);
  await expect(created).toHaveCount(0);
  await expect(revoked).toHaveCount(1);
  await expect(page).toHaveURL(/\?action=key\.revoked$/);
  await page.screenshot({ path: "e2e/.artifacts/screens/audit-log-filtered.png", fullPage: true });

  // The CSV holds the filtered entries.
  const [filteredDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const filtered = (await csvOf(filteredDownload)).split("\r\n");
  expect(filtered[0]).toBe("Time,Actor type,Actor ID,Actor,Action,Target type,Target ID,Target,IP,User agent,Details");
  expect(filtered.slice(1, -1)).toHaveLength(1);
  expect(filtered[1]).toContain(`,user,`);
  expect(filtered[1]).toContain(`,${email},key.revoked,api_key,`);
  expect(filtered[1]).toContain(`,"Billing, ""legacy""",127.0.0.1,`); // quoted, quotes doubled

  // A prefix filter, then the whole log: the refusal is in the CSV with its code.
  await page.getByLabel("Action").selectOption("key.");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(created).toHaveCount(1);
  await expect(denied).toHaveCount(0);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(denied).toHaveCount(1);
  const [fullDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const full = await csvOf(fullDownload);
  expect(full).toMatch(/,key,[a-z0-9]+,"Billing, ""legacy""",api\.denied,route,,GET \/api\/v1\/me,127\.0\.0\.1,[^\r\n]*,"\{""code"":""key_revoked""\}"\r\n/);
  for (const action of ["project.created", "key.created", "key.revoked", "api.denied"]) expect(full).toContain(`,${action},`);

  // Someone who is not a member of the project cannot download its log.
  const outsider = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const outsiderPage = await outsider.newPage();
  await signUp(outsiderPage, { name: "Otto Outsider", email: uniqueEmail("otto"), project: "Otto's" });
  const stolen = await outsiderPage.request.get(`/p/${slug}/settings/audit-log/export`);
  expect(stolen.status()).toBe(404);
  expect(await stolen.text()).not.toContain("key.revoked");
  await outsider.close();
});

test("the audit log pages through older entries and keeps its filters in the address", async ({ page, request }) => {
  const slug = await signUp(page, { name: "Petra Pager", email: uniqueEmail("petra"), project: "Long History" });
  const adminKey = await createKey(page, "Importer", "Admin");
  // With project.created and the admin key's key.created: 31 entries, two pages of 25.
  await auditedKeyChanges(request, adminKey, { created: 19, revoked: 10 });

  await page.goto(`/p/${slug}/settings/audit-log`);
  await hydrated(page);
  const rows = page.getByRole("table").getByRole("row");
  const pager = page.getByRole("navigation", { name: "Pagination" });
  await expect(rows).toHaveCount(26);
  await expect(rows.nth(1)).toContainText("key.revoked");
  await pager.getByRole("button", { name: "Next" }).click();
  await expect(pager).toContainText("Page 2");
  await expect(rows).toHaveCount(7);
  await expect(rows.last()).toContainText("project.created");
  await expect(pager.getByRole("button", { name: "Next" })).toHaveCount(0);
  await pager.getByRole("button", { name: "Previous" }).click();
  await expect(rows).toHaveCount(26);
  await expect(rows.nth(1)).toContainText("key.revoked");

  // A link with a filter opens filtered; a bad one says so and shows everything.
  await page.goto(`/p/${slug}/settings/audit-log?action=key.revoked`);
  await hydrated(page);
  await expect(page.getByLabel("Action")).toHaveValue("key.revoked");
  await expect(rows).toHaveCount(11);
  await expect(pager.getByRole("button", { name: "Next" })).toHaveCount(0);
  await page.goto(`/p/${slug}/settings/audit-log?from=yesterday`);
  await expect(page.getByText("The filters in the address were not valid")).toBeVisible();
  await expect(rows).toHaveCount(26);
});
