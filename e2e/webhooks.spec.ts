import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { addMember, createKey, signUp, uniqueEmail } from "./support";

// SPEC §15: an endpoint added on Settings → Webhooks receives signed key events. The receiver runs
// in this test's process on 127.0.0.1, which the e2e server allows (LATCHKEY_WEBHOOKS_ALLOW_PRIVATE=1).

type Received = { headers: Record<string, string>; body: string };

async function aReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/latchkey-events`;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url, received, close };
}

async function openWebhooks(page: Page) {
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();
}

test("an endpoint added in the dashboard receives a key.created event whose signature verifies with the signing secret", async ({ page }) => {
  const receiver = await aReceiver();
  try {
    await signUp(page, { name: "Wendy Webhook", email: uniqueEmail("wendy"), project: "Hooked" });
    await openWebhooks(page);
    await expect(page.getByRole("heading", { name: "No webhook endpoints yet" })).toBeVisible();

    // An empty form, then a URL with credentials: errors under the fields, nothing saved.
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add endpoint" });
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(dialog.getByText("URL is required.")).toBeVisible();
    await expect(dialog.getByText("Choose at least one event.")).toBeVisible();
    await expect(dialog.getByLabel("URL")).toBeFocused();
    await dialog.getByLabel("URL").fill("https://me:hunter2@hooks.example.com/in");
    await dialog.getByRole("checkbox", { name: "key.created" }).check();
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(dialog.getByText("Take the user name and password out of the URL")).toBeVisible();

    await dialog.getByLabel("URL").fill(receiver.url);
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    const reveal = page.getByRole("dialog", { name: "Copy your signing secret" });
    await expect(reveal).toBeVisible();
    const secret = await reveal.getByRole("textbox", { name: "Signing secret" }).inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    await reveal.getByRole("button", { name: "Copy signing secret" }).click();
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();

    const row = page.getByRole("row", { name: new RegExp(receiver.url.replaceAll(".", "\\.")) });
    await expect(row).toContainText("key.created");
    await expect(page.getByText(secret)).toHaveCount(0);

    // A key created in the dashboard reaches the receiver within seconds, signed.
    await page.getByRole("link", { name: "API Keys" }).click();
    await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
    const key = await createKey(page, "Payments worker");
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const [delivery] = receiver.received;
    expect(delivery.headers["user-agent"]).toBe("Latchkey-Webhooks/1");
    const event = new Webhook(secret).verify(delivery.body, delivery.headers) as { type: string; data: { key: { name: string } } };
    expect(event).toMatchObject({ type: "key.created", data: { key: { name: "Payments worker", role: "admin" } } });
    expect(() => new Webhook(secret).verify(delivery.body.replace("Payments worker", "Payments workers"), delivery.headers)).toThrow();
    expect(delivery.body).not.toContain(key);
    expect(delivery.body).not.toContain(key.slice(-12));

    // The endpoint's page lists the delivery; "Send test event" goes through the same outbox.
    await openWebhooks(page);
    await page.getByRole("link", { name: receiver.url }).click();
    const log = page.getByRole("region", { name: "Deliveries" });
    await expect(log.getByRole("row", { name: /key\.created/ })).toContainText("Succeeded");
    await expect(log.getByRole("row", { name: /key\.created/ })).toContainText("204");
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
    expect(new Webhook(secret).verify(receiver.received[1].body, receiver.received[1].headers)).toMatchObject({ type: "webhook.test" });
    await expect(log.getByRole("row", { name: /webhook\.test/ })).toContainText("Succeeded", { timeout: 10_000 });
    await page.screenshot({ path: "e2e/.artifacts/screens/webhook-endpoint.png", fullPage: true });

    // Delete asks first, then the list is empty again.
    await page.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete endpoint" });
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("heading", { name: "No webhook endpoints yet" })).toBeVisible();
    await page.screenshot({ path: "e2e/.artifacts/screens/webhooks-empty.png", fullPage: true });
  } finally {
    await receiver.close();
  }
});

test("a viewer sees the webhook endpoints but no control that changes them", async ({ page, browser }) => {
  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  const viewerEmail = uniqueEmail("vera");
  await signUp(viewerPage, { name: "Vera Viewer", email: viewerEmail, project: "Vera's own" });

  const slug = await signUp(page, { name: "Omar Owner", email: uniqueEmail("omar"), project: "Shared Hooks" });
  await openWebhooks(page);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const dialog = page.getByRole("dialog", { name: "Add endpoint" });
  await dialog.getByLabel("URL").fill("https://93.184.215.14/hooks/latchkey");
  await dialog.getByRole("checkbox", { name: "key.revoked" }).check();
  await dialog.getByRole("checkbox", { name: "key.leaked" }).check();
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your signing secret" });
  await reveal.getByRole("button", { name: "Copy signing secret" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await page.screenshot({ path: "e2e/.artifacts/screens/webhooks.png", fullPage: true });
  await page.getByRole("link", { name: "Members" }).click();
  await addMember(page, viewerEmail, "Viewer");

  await viewerPage.goto(`/p/${slug}/settings/webhooks`);
  await expect(viewerPage.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();
  await expect(viewerPage.getByRole("row", { name: /93\.184\.215\.14/ })).toContainText("key.leaked");
  await expect(viewerPage.getByText("You are a viewer in this project: you can see its webhook endpoints")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);
  await viewerPage.getByRole("link", { name: "https://93.184.215.14/hooks/latchkey" }).click();
  await expect(viewerPage.getByRole("region", { name: "Deliveries" })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Send test event" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await viewerContext.close();
});
