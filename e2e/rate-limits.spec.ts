import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support";

test("a key created with a rate limit of 2 gets 429 with RateLimit headers on its third call, and an emptied limit lifts it", async ({ page, request }) => {
  const slug = await signUp(page, { name: "Rae", email: uniqueEmail("rae"), project: "Throttle Works" });

  await page.getByRole("button", { name: "Create key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("Metered");
  await create.getByRole("radio", { name: "Support" }).click();
  const rateLimit = create.getByRole("textbox", { name: "Rate limit" });
  await expect(rateLimit).toHaveAccessibleDescription(/Requests per minute; leave empty for no limit/);
  await rateLimit.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/screens/create-key-rate-limit.png" });

  // 0 is refused, with the message under the field and announced as its description.
  await rateLimit.fill("0");
  await create.getByRole("button", { name: "Create" }).click();
  await expect(rateLimit).toHaveAttribute("aria-invalid", "true");
  await expect(rateLimit).toHaveAccessibleDescription(/at least 1 request per minute/);
  await page.screenshot({ path: "e2e/.artifacts/screens/create-key-rate-limit-error.png" });

  await rateLimit.fill("2");
  await create.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  const secret = await reveal.getByRole("textbox", { name: "API key" }).inputValue();
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  const calls = [];
  for (let i = 0; i < 3; i++) calls.push(await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } }));
  expect(calls.map((r) => r.status())).toEqual([200, 200, 429]);
  expect(calls.map((r) => r.headers()["ratelimit-policy"])).toEqual(['"key";q=2;w=60', '"key";q=2;w=60', '"key";q=2;w=60']);
  expect(calls.map((r) => r.headers()["ratelimit"]?.replace(/;t=\d+$/, ""))).toEqual(['"key";r=1', '"key";r=0', '"key";r=0']);
  for (const call of calls) expect(Number(/;t=(\d+)$/.exec(call.headers()["ratelimit"])?.[1])).toBeGreaterThan(0);
  expect(Number(calls[2].headers()["retry-after"])).toBeGreaterThan(0);
  expect((await calls[2].json()).error.code).toBe("rate_limited");

  await page.getByRole("link", { name: "Metered" }).click();
  await expect(page.getByRole("region", { name: "Settings" })).toContainText("2 requests per minute");

  // Edit: the dialog shows the limit; emptying it lifts the limit on the very next call.
  await page.goto(`/p/${slug}/settings/api-keys`);
  await page.getByRole("button", { name: "Actions for Metered" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit API key" });
  const editLimit = edit.getByRole("textbox", { name: "Rate limit" });
  await expect(editLimit).toHaveValue("2");
  await editLimit.fill("");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  for (let i = 0; i < 4; i++) {
    const call = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
    expect(call.status()).toBe(200);
    expect(call.headers()["ratelimit-policy"]).toBe('"key";q=100000;w=60'); // the platform ceiling
  }
});

test("a rate limit with letters in it is refused under the field, focused, and no key is created", async ({ page }) => {
  await signUp(page, { name: "Lex", email: uniqueEmail("lex"), project: "Letters Ltd" });
  await page.getByRole("button", { name: "Create key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("Lettered");
  const rateLimit = create.getByRole("textbox", { name: "Rate limit" });
  await rateLimit.fill("abc");
  await create.getByRole("button", { name: "Create", exact: true }).click();
  await expect(rateLimit).toHaveAttribute("aria-invalid", "true");
  await expect(rateLimit).toHaveAccessibleDescription(/Enter a whole number of requests per minute, or leave it empty for no limit/);
  await expect(create.getByText("Enter a whole number of requests per minute, or leave it empty for no limit.")).toBeVisible();
  await expect(rateLimit).toBeFocused();
  await expect(rateLimit).toHaveValue("abc");
  // In view above the dialog's sticky footer, not scrolled in behind it.
  const field = (await rateLimit.boundingBox())!;
  const footer = (await create.getByRole("button", { name: "Cancel" }).boundingBox())!;
  expect(field.y + field.height).toBeLessThan(footer.y);

  // Pasted text with a number in it is no number either.
  await rateLimit.fill("1e3");
  await create.getByRole("button", { name: "Create", exact: true }).click();
  await expect(rateLimit).toBeFocused();
  await expect(rateLimit).toHaveAttribute("aria-invalid", "true");
  await create.getByRole("button", { name: "Cancel" }).click();
  await expect(create).toBeHidden();
  await expect(page.getByRole("row", { name: /Lettered/ })).toHaveCount(0);
  await expect(page.getByRole("dialog", { name: "Copy your API key" })).toHaveCount(0);
});
