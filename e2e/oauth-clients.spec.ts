import { expect, test, type Page } from "@playwright/test";
import { addMember, signUp, uniqueEmail } from "./support";

/** On the OAuth clients page: registers a client through the dialog; the reveal dialog is left open. */
async function registerClient(page: Page, name: string, scope: { resource: string; access: "Read" | "Write" }) {
  await page.getByRole("button", { name: "Register client" }).click();
  const dialog = page.getByRole("dialog", { name: "Register OAuth client" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("group", { name: scope.resource }).getByRole("checkbox", { name: scope.access }).check();
  await dialog.getByRole("button", { name: "Register", exact: true }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your client secret" });
  await expect(reveal).toBeVisible();
  return reveal;
}

async function openOAuthClients(page: Page) {
  await page.getByRole("link", { name: "OAuth clients" }).click();
  await expect(page.getByRole("heading", { name: "OAuth clients", exact: true })).toBeVisible();
}

test("an admin registers an OAuth client, copies its secret once, trades it for a token, and deleting the client refuses that token", async ({ page, request }) => {
  const email = uniqueEmail("otto");
  await signUp(page, { name: "Otto Owner", email, project: "Machine Works" });
  await openOAuthClients(page);

  // The empty state says what clients are for and where the server metadata is.
  await expect(page.getByRole("heading", { name: "No OAuth clients yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "/.well-known/oauth-authorization-server" })).toHaveAttribute("href", /\/\.well-known\/oauth-authorization-server$/);

  // A register with nothing filled in shows the errors under their fields.
  await page.getByRole("button", { name: "Register client" }).click();
  const dialog = page.getByRole("dialog", { name: "Register OAuth client" });
  await expect(dialog.getByRole("radio", { name: /HTTP Basic/ })).toBeChecked();
  await dialog.getByRole("button", { name: "Register", exact: true }).click();
  await expect(dialog.getByText("Name is required.")).toBeVisible();
  await expect(dialog.getByText("Choose at least one scope.")).toBeVisible();
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The answer that carries the secret is never stored by a cache, like the key reveal's.
  const registered = page.waitForResponse((response) => response.request().method() === "POST" && response.url().endsWith("/settings/oauth-clients"));
  const reveal = await registerClient(page, "Billing sync", { resource: "Campaigns", access: "Read" });
  expect((await registered).headers()["cache-control"]).toContain("no-store");
  const clientId = await reveal.getByRole("textbox", { name: "Client ID" }).inputValue();
  const secret = await reveal.getByRole("textbox", { name: "Client secret" }).inputValue();
  expect(clientId).toMatch(/^lkc_[0-9A-Za-z]{24}$/);
  expect(secret).toMatch(/^lk_cs_[0-9A-Za-z]+$/);
  await expect(reveal.getByText("will not be shown again")).toBeVisible();
  await expect(reveal.locator("pre")).toContainText('curl -u "$CLIENT_ID:$CLIENT_SECRET"');
  await expect(reveal.locator("pre")).toContainText("/api/v1/oauth/token");
  // Nothing but the client secret is a secret shown here: no registration access token.
  await expect(reveal.getByText(/lk_rt_/)).toHaveCount(0);

  // "Done" before copying the secret asks first; after copying it closes.
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal.getByRole("alert")).toContainText("You have not copied the client secret.");
  await reveal.getByRole("button", { name: "Keep open" }).click();
  await reveal.getByRole("button", { name: "Copy client secret" }).click();
  await expect(reveal.getByRole("button", { name: "Copied client secret" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(secret);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  // The table lists the client, never its secret.
  const row = page.getByRole("row", { name: /Billing sync/ });
  await expect(row).toContainText(clientId);
  await expect(row).toContainText("campaigns:read");
  await expect(row).toContainText(email);
  await expect(row).toContainText("Member");
  // "Last token issued" (the Created column shows on wide screens only).
  await expect(row.getByRole("cell").filter({ hasText: /^Never$/ })).toHaveCount(1);
  await expect(page.getByText(secret)).toHaveCount(0);

  // The copied secret buys a token at the token endpoint (curl -u … -d grant_type=client_credentials).
  const tokenResponse = await request.post("/api/v1/oauth/token", {
    headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${copied}`).toString("base64")}` },
    form: { grant_type: "client_credentials" },
  });
  expect(tokenResponse.status()).toBe(200);
  const token = await tokenResponse.json();
  expect(token).toMatchObject({ token_type: "Bearer", scope: "campaigns:read", expires_in: 3600 });
  expect(token.access_token).toMatch(/^lk_at_/);
  const bearer = { Authorization: `Bearer ${token.access_token}` };
  expect((await request.get("/api/v1/campaigns", { headers: bearer })).status()).toBe(200);
  expect((await request.get("/api/v1/users", { headers: bearer })).status()).toBe(403);

  await page.reload();
  // The fifth cell is "Last token issued" (the Created column shows on wide screens only).
  await expect(
    page
      .getByRole("row", { name: /Billing sync/ })
      .getByRole("cell")
      .nth(4),
  ).toHaveText(/^(just now|.+ ago)$/);

  // Delete, confirmed: the client leaves the table and its token stops working.
  await page.getByRole("button", { name: "Actions for Billing sync" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete OAuth client" });
  await expect(confirm).toContainText("Delete client “Billing sync”? Its tokens stop working at once, everywhere.");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Deleted client “Billing sync”" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Billing sync/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No OAuth clients yet" })).toBeVisible();
  expect((await request.get("/api/v1/campaigns", { headers: bearer })).status()).toBe(401);
});

test("a viewer sees the OAuth clients but no control that changes them", async ({ page, browser }) => {
  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  const viewerEmail = uniqueEmail("vic");
  await signUp(viewerPage, { name: "Vic Viewer", email: viewerEmail, project: "Vic's own" });

  const slug = await signUp(page, { name: "Olivia Owner", email: uniqueEmail("olivia"), project: "Shared Machines" });
  await openOAuthClients(page);
  const reveal = await registerClient(page, "Nightly export", { resource: "Users", access: "Read" });
  await reveal.getByRole("button", { name: "Copy client secret" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await page.getByRole("link", { name: "Members" }).click();
  await addMember(page, viewerEmail, "Viewer");

  await viewerPage.goto(`/p/${slug}/settings/oauth-clients`);
  await expect(viewerPage.getByRole("heading", { name: "OAuth clients", exact: true })).toBeVisible();
  await expect(viewerPage.getByRole("row", { name: /Nightly export/ })).toContainText("users:read");
  await expect(viewerPage.getByText("You are a viewer in this project: you can see its OAuth clients")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Register client" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);
  await viewerContext.close();
});
