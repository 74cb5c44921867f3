import { expect, test, type Page } from "@playwright/test";
import { hydrated, signUp, uniqueEmail } from "./support";

// SPEC §6: every page and dialog passes axe-core with no critical or serious violation, in light
// and dark; the dashboard works by keyboard alone; every mutation confirms itself in a toast.

/** axe-core from node_modules (no network); null when it is not installed. */
const AXE = (() => {
  try {
    return require.resolve("axe-core/axe.min.js");
  } catch {
    return null;
  }
})();

type Finding = { rule: string; impact: string; help: string; nodes: string[] };

/** Runs axe on the page as it is now (open dialogs included) and fails on critical or serious findings, listed readably. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  // Every state is checked (soft) and photographed, so one run lists all findings and screens.
  await page.screenshot({ path: `e2e/.artifacts/screens/a11y-${state.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png` });
  expect.soft(AXE, "axe-core is not installed: add it as a dev dependency (npm i -D axe-core)").not.toBeNull();
  if (!AXE) return;
  await page.addScriptTag({ path: AXE! });
  const findings: Finding[] = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[] }> };
      }
    ).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations
      .filter((v) => v.impact === "critical" || v.impact === "serious")
      .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`) }));
  });
  const report = findings
    .map(
      (f) =>
        `  ${f.impact} ${f.rule} (${f.nodes.length}): ${f.help}\n${f.nodes
          .slice(0, 8)
          .map((n) => `    - ${n}`)
          .join("\n")}`,
    )
    .join("\n");
  expect.soft(findings, `axe on ${state}:\n${report}`).toEqual([]);
}

/** A project with a channel and a key, so every page has rows to check. Returns the project's slug. */
async function projectWithData(page: Page): Promise<{ slug: string }> {
  const slug = await signUp(page, { name: "Alma Access", email: uniqueEmail("alma"), project: "Accessible Shop" });
  await page.goto(`/p/${slug}/settings/channels`);
  await hydrated(page);
  await page.getByRole("button", { name: "Create channel" }).click();
  const channel = page.getByRole("dialog", { name: "Create channel" });
  await channel.getByLabel("Name").fill("Marketing");
  await channel.getByRole("button", { name: "Create" }).click();
  await expect(channel).toBeHidden();
  await page.goto(`/p/${slug}/settings/api-keys`);
  await hydrated(page);
  await createKey(page, "Backend");
  return { slug };
}

async function createKey(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create", exact: true }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`axe, ${colorScheme}`, () => {
    // axe is injected as an inline script, which the pages' CSP (rightly) refuses.
    test.use({ bypassCSP: true, colorScheme });

    test(`every dashboard page and dialog has no critical or serious violation (${colorScheme})`, async ({ page }) => {
      test.setTimeout(180_000);
      const { slug } = await projectWithData(page);
      await expect(page.locator("html")).toHaveClass(colorScheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);

      const pages: [string, string, () => Promise<unknown>][] = [
        ["API Keys", `/p/${slug}/settings/api-keys`, () => expect(page.getByRole("row", { name: /Backend/ })).toBeVisible()],
        ["Channels", `/p/${slug}/settings/channels`, () => expect(page.getByRole("cell", { name: "marketing", exact: true })).toBeVisible()],
        ["Members", `/p/${slug}/settings/members`, () => expect(page.getByRole("heading", { name: "Members", exact: true })).toBeVisible()],
        ["Audit log", `/p/${slug}/settings/audit-log`, () => expect(page.getByRole("heading", { name: "Audit log", exact: true })).toBeVisible()],
        ["OAuth clients", `/p/${slug}/settings/oauth-clients`, () => expect(page.getByRole("heading", { name: "OAuth clients", exact: true })).toBeVisible()],
        ["Security", `/p/${slug}/settings/security`, () => expect(page.getByRole("heading", { name: "Security", exact: true })).toBeVisible()],
        ["Webhooks", `/p/${slug}/settings/webhooks`, () => expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible()],
        ["Account", `/account`, () => expect(page.getByRole("heading", { name: "Account", exact: true })).toBeVisible()],
        ["API reference", `/p/${slug}/api-reference`, () => expect(page.getByText("Loading the reference…")).toHaveCount(0, { timeout: 20_000 })],
      ];
      for (const [name, path, ready] of pages) {
        await page.goto(path);
        await hydrated(page);
        await ready();
        await expect.soft(page.getByRole("main"), `one main landmark on ${name}`).toHaveCount(1);
        await expectAccessible(page, `${name} (${colorScheme})`);
      }

      // The key's own page, reached from its row.
      await page.goto(`/p/${slug}/settings/api-keys`);
      await hydrated(page);
      await page.getByRole("link", { name: "Backend" }).click();
      await expect(page.getByRole("heading", { name: "Backend" })).toBeVisible();
      await hydrated(page);
      await expectAccessible(page, `the key's page (${colorScheme})`);

      // The Create dialog, then the reveal dialog it leads to.
      await page.goto(`/p/${slug}/settings/api-keys`);
      await hydrated(page);
      await page.getByRole("button", { name: "Create key" }).click();
      const create = page.getByRole("dialog", { name: "Create API key" });
      await expect(create).toBeVisible();
      await expectAccessible(page, `the Create key dialog (${colorScheme})`);
      // The Restrictions group with a Client key's origins and a refused range under its field.
      await create.getByRole("radio", { name: "Client" }).click();
      await create.getByLabel("Allowed IP addresses").fill("10.0.0.0/33");
      await create.getByLabel("Allowed origins").fill("https://app.example.com");
      await create.getByRole("button", { name: "Create", exact: true }).click();
      await expect(create.getByText("“10.0.0.0/33” is not an IPv4 or IPv6 address")).toBeVisible();
      await expectAccessible(page, `the Create key dialog with restrictions refused (${colorScheme})`);
      await create.getByLabel("Allowed IP addresses").fill("");
      await create.getByRole("radio", { name: "Support" }).click();
      await create.getByLabel("Name").fill("Frontend");
      await create.getByRole("button", { name: "Create", exact: true }).click();
      const reveal = page.getByRole("dialog", { name: "Copy your API key" });
      await expect(reveal).toBeVisible();
      await expectAccessible(page, `the reveal dialog (${colorScheme})`);

      // The Add endpoint dialog (refused, then filled), the signing secret's reveal, and an endpoint's page with a delivery.
      await page.goto(`/p/${slug}/settings/webhooks`);
      await hydrated(page);
      await page.getByRole("button", { name: "Add endpoint" }).click();
      const addEndpoint = page.getByRole("dialog", { name: "Add endpoint" });
      await addEndpoint.getByRole("button", { name: "Add endpoint" }).click();
      await expect(addEndpoint.getByText("Choose at least one event.")).toBeVisible();
      await expectAccessible(page, `the Add endpoint dialog with errors (${colorScheme})`);
      await addEndpoint.getByLabel("URL").fill("https://93.184.215.14/hooks");
      await addEndpoint.getByRole("checkbox", { name: "key.created" }).check();
      await addEndpoint.getByRole("button", { name: "Add endpoint" }).click();
      const signing = page.getByRole("dialog", { name: "Copy your signing secret" });
      await expect(signing).toBeVisible();
      await expectAccessible(page, `the signing secret dialog (${colorScheme})`);
      await signing.getByRole("button", { name: "Copy signing secret" }).click();
      await signing.getByRole("button", { name: "Done" }).click();
      await page.getByRole("link", { name: "https://93.184.215.14/hooks" }).click();
      await page.getByRole("button", { name: "Send test event" }).click();
      await expect(page.getByRole("region", { name: "Deliveries" }).getByRole("row", { name: /webhook\.test/ })).toBeVisible();
      await expectAccessible(page, `a webhook endpoint's page (${colorScheme})`);
    });
  });
}

test("the theme follows the system until chosen, is kept across reloads, and applies before the page paints", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/login");
  await hydrated(page);
  const html = page.locator("html");
  await expect(html).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html).not.toHaveClass(/\bdark\b/);

  const theme = page.getByRole("radiogroup", { name: "Theme" });
  await theme.getByRole("radio", { name: "Dark" }).click();
  await expect(html).toHaveClass(/\bdark\b/);
  // Set by the inline script before any of the app's JavaScript: the class is there at first paint.
  await page.reload({ waitUntil: "commit" });
  await page.waitForSelector("body");
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  await hydrated(page);
  await expect(theme.getByRole("radio", { name: "Dark" })).toBeChecked();

  await theme.getByRole("radio", { name: "System" }).click();
  await expect(html).not.toHaveClass(/\bdark\b/);
});

test("keyboard only: skip to content, create a key with Tab, Space and Enter, and focus returns to Create key", async ({ page }) => {
  await signUp(page, { name: "Kim Keys", email: uniqueEmail("kim"), project: "Keyboard Shop" });

  // The skip link is the first stop and lands in the one main region.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  await tabTo(page, page.getByRole("button", { name: "Create key" }));
  await page.keyboard.press("Enter");
  const create = page.getByRole("dialog", { name: "Create API key" });
  await expect(create.getByLabel("Name")).toBeFocused();

  // A refused submit focuses the invalid field.
  await page.keyboard.type("x".repeat(101));
  await tabTo(page, create.getByRole("button", { name: "Create", exact: true }));
  await page.keyboard.press("Enter");
  await expect(create.getByLabel("Name")).toBeFocused();
  await expect(create.getByText(/100 characters/)).toBeVisible();

  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Keyboard key");
  await tabTo(page, create.getByRole("button", { name: "Create", exact: true }));
  await page.keyboard.press("Enter");

  const reveal = page.getByRole("dialog", { name: "Copy your API key" });
  await expect(reveal).toBeVisible();
  await tabTo(page, reveal.getByRole("button", { name: "Copy", exact: true }));
  await page.keyboard.press("Space");
  await expect(reveal.getByRole("button", { name: "Copied" }).first()).toBeVisible();
  await tabTo(page, reveal.getByRole("button", { name: "Done" }));
  await page.keyboard.press("Enter");
  await expect(reveal).toBeHidden();
  await expect(page.getByRole("button", { name: "Create key" })).toBeFocused();

  // Escape on the Create dialog returns focus the same way.
  await page.keyboard.press("Enter");
  await expect(create).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(create).toBeHidden();
  await expect(page.getByRole("button", { name: "Create key" })).toBeFocused();
});

test("every mutation confirms itself in a polite live region", async ({ page }) => {
  const slug = await signUp(page, { name: "Tess Toast", email: uniqueEmail("tess"), project: "Toast Shop" });
  const toasts = page.getByRole("status").filter({ hasText: /./ });

  await createKey(page, "Toasted");
  await expect(toasts.filter({ hasText: "Key “Toasted” created." })).toBeVisible();
  await expect(page.locator('[role="status"][aria-live="polite"]').filter({ hasText: "Key “Toasted” created." })).toHaveCount(1);

  await page.getByRole("button", { name: "Actions for Toasted" }).click();
  // Disable keeps the row listed (a revoked key is hidden by default), so focus has its button to return to.
  await page.getByRole("menuitem", { name: "Disable" }).click();
  await page.getByRole("alertdialog", { name: "Disable API key" }).getByRole("button", { name: "Disable" }).click();
  await expect(toasts.filter({ hasText: "Key “Toasted” disabled." })).toBeVisible();
  // Focus goes back to the row's menu button, not to the page.
  await expect(page.getByRole("button", { name: "Actions for Toasted" })).toBeFocused();

  await page.goto(`/p/${slug}/settings/channels`);
  await hydrated(page);
  await page.getByRole("button", { name: "Create channel" }).click();
  const channel = page.getByRole("dialog", { name: "Create channel" });
  await channel.getByLabel("Name").fill("News");
  await channel.getByRole("button", { name: "Create" }).click();
  await expect(toasts.filter({ hasText: "Channel “News” created." })).toBeVisible();
});

/** Presses Tab (at most 60 times) until `target` has the focus: reaching it proves it is in the tab order. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}
