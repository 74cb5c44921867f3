import { expect, test } from "@playwright/test";
import { createKey, signUp, uniqueEmail } from "./support";

// SPEC §15: a stranger reports a leaked key (no key of their own); the owner finds it revoked, the
// report's origin in an e-mail, and the revocation in the key's audit entries.
test("a leaked key reported by a stranger is revoked at once; the owner is mailed where the report came from", async ({ page, request }) => {
  const email = uniqueEmail("lena");
  const slug = await signUp(page, { name: "Lena", email, project: "Leak Watch" });
  const secret = await createKey(page, "Pushed to GitHub");
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(200);

  const report = await request.post("/api/v1/credentials/revoke", { headers: { "User-Agent": "leak-scanner/2.1" }, data: { credentials: ["lk_sk_not_a_key", secret] } });
  expect(report.status()).toBe(202);
  expect(await report.json()).toEqual({ received: 2 });
  const refused = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("key_revoked");

  await page.goto("/dev/mailbox");
  const mail = page.getByRole("article", { name: "An API key in your Latchkey project was reported leaked and is revoked" });
  await expect(mail).toContainText('The secret API key "Pushed to GitHub"');
  await expect(mail).toContainText("Reported from: 127.0.0.1 (leak-scanner/2.1)");
  await expect(page.locator("body")).not.toContainText(secret.slice(6, 38));

  await page.goto(`/p/${slug}/settings/api-keys?status=revoked`);
  await page.getByRole("link", { name: "Pushed to GitHub" }).first().click();
  await expect(page.getByRole("heading", { name: "Pushed to GitHub", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Audit entries" }).getByRole("row", { name: /key\.leaked/ })).toContainText("Leak report");
  await page.screenshot({ path: "e2e/.artifacts/screens/leaked-key.png", fullPage: true });
});
