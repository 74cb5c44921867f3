import { expect, test, type Browser, type Page } from "@playwright/test";
import { addMember, copyInviteLink, hydrated, latestMailTo, PASSWORD, signUp, signUpFromLink, uniqueEmail } from "./support";

// Invitations by link only (SPEC §13): an invited address joins by following its link, never by
// signing up with the address alone.

const memberRow = (page: Page, email: string) => page.getByRole("row", { name: new RegExp(email.replace(/[.+]/g, "\\$&")) });

async function invite(page: Page, email: string, role: "Owner" | "Admin" | "Viewer") {
  await addMember(page, email, role);
  await expect(memberRow(page, email).getByText("Invitation pending")).toBeVisible();
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

async function ownerOnMembers(page: Page, project: string) {
  const slug = await signUp(page, { name: "Ines Inviter", email: uniqueEmail("ines"), project });
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  await hydrated(page);
  return slug;
}

test("an invite link copied from Members signs a new person up and lands them in the project as the invited role, once", async ({ page, browser }) => {
  const slug = await ownerOnMembers(page, "Link Works");
  const hire = uniqueEmail("hana");
  await invite(page, hire, "Admin");
  const link = await copyInviteLink(page, hire);
  expect(new URL(link).pathname).toMatch(/^\/invite\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

  const invitee = await freshPage(browser);
  await signUpFromLink(invitee.page, link, { name: "Hana Hire", email: hire, project: "Link Works" });
  await expect(invitee.page).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys$`));
  // An admin: keys can be created, and the sidebar names the role.
  await expect(invitee.page.getByRole("button", { name: "Create key" }).first()).toBeVisible();
  await expect(invitee.page.getByText("You are a viewer in this project")).toHaveCount(0);
  await invitee.page.getByRole("button", { name: /Switch project/ }).click();
  await expect(invitee.page.getByRole("menuitem")).toHaveText([/^Link Works/, /New project/]);
  await invitee.page.keyboard.press("Escape");

  // The owner sees a member now, not an invitation; the link does nothing a second time.
  await page.reload();
  await expect(memberRow(page, hire)).toContainText("Hana Hire");
  await expect(memberRow(page, hire).getByRole("cell").nth(2)).toHaveText("Admin");
  await invitee.page.goto(new URL(link).pathname);
  await expect(invitee.page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await invitee.context.close();
});

test("the invitation e-mail links to the page that knows the invitation: the project named, the address filled in", async ({ page, browser, baseURL }) => {
  const slug = await ownerOnMembers(page, "Mailed Invite");
  const hire = uniqueEmail("mia");
  await invite(page, hire, "Viewer");
  const link = /https?:\/\/\S+/.exec(latestMailTo(hire)?.body ?? "")?.[0];
  expect(link, "a link in the invitation e-mail").toBeTruthy();
  expect(new URL(link!).origin).toBe(new URL(baseURL!).origin);
  expect(new URL(link!).pathname).toMatch(/^\/invite\//);

  const invitee = await freshPage(browser);
  await signUpFromLink(invitee.page, link!, { name: "Mia Mailed", email: hire, project: "Mailed Invite" });
  await expect(invitee.page).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys$`));
  await invitee.context.close();
});

test("a stranger who signs up with the invited e-mail gets no membership; the link then asks to sign in as that account", async ({ page, browser }) => {
  const slug = await ownerOnMembers(page, "Not Yours");
  const hire = uniqueEmail("newhire");
  await invite(page, hire, "Admin");

  // Finding #2: signing up with the address alone joined the project as an admin.
  const stranger = await freshPage(browser);
  await signUp(stranger.page, { name: "Stranger", email: hire, project: "Stranger's own" });
  const denied = await stranger.page.goto(`/p/${slug}/settings/api-keys`);
  expect(denied?.status()).toBe(404);
  await page.reload();
  await expect(memberRow(page, hire).getByText("Invitation pending")).toBeVisible();

  // The stranger, signed in as that address but holding no link, sees a forged one refused.
  const link = await copyInviteLink(page, hire);
  const forged = `${new URL(link).pathname.slice(0, -4)}AAAA`;
  await stranger.page.goto(forged);
  await expect(stranger.page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await stranger.context.close();

  // Whoever holds the link gets in only by signing in as that account (an operator can reset its password).
  const holder = await freshPage(browser);
  await holder.page.goto(new URL(link).pathname);
  await expect(holder.page.getByText(`An account for ${hire} exists. Sign in to it to join.`)).toBeVisible();
  await expect(holder.page.getByLabel("Password")).toHaveCount(0);
  await holder.page.getByRole("link", { name: "Sign in to join" }).click();
  await hydrated(holder.page);
  await holder.page.getByLabel("Email").fill(hire);
  await holder.page.getByLabel("Password").fill(PASSWORD);
  await holder.page.getByRole("button", { name: "Sign in" }).click();
  await expect(holder.page).toHaveURL(new URL(link).pathname);
  await hydrated(holder.page);
  await holder.page.getByRole("button", { name: "Join Not Yours" }).click();
  await expect(holder.page).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys$`));
  await expect(holder.page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await holder.context.close();
});

test("someone signed in as another account is told so and can sign out; a resent invitation's old link stops working", async ({ page, browser }) => {
  await ownerOnMembers(page, "Right Person");
  const hire = uniqueEmail("rita");
  await invite(page, hire, "Viewer");
  const first = await copyInviteLink(page, hire);

  const other = await freshPage(browser);
  const otherEmail = uniqueEmail("otto");
  await signUp(other.page, { name: "Otto Other", email: otherEmail, project: "Otto's own" });
  await other.page.goto(new URL(first).pathname);
  await hydrated(other.page);
  await expect(other.page.getByRole("status").filter({ hasText: "This invitation is for" })).toHaveText(
    `This invitation is for ${hire}, but you are signed in as ${otherEmail}. Sign out, then sign in or sign up as ${hire} to join.`,
  );
  await expect(other.page.getByRole("button", { name: /^Join/ })).toHaveCount(0);
  await other.page.getByRole("button", { name: "Sign out" }).click();
  await expect(other.page.getByLabel("Password")).toBeVisible();
  await expect(other.page.getByLabel("Email")).toHaveValue(hire);
  await other.context.close();

  // Resend: a new link; the copied one no longer works.
  await page.getByRole("button", { name: `Actions for ${hire}` }).click();
  await page.getByRole("menuitem", { name: "Resend" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Resend invitation" });
  await confirm.getByRole("button", { name: "Resend" }).click();
  await expect(confirm).toBeHidden();
  const second = await copyInviteLink(page, hire);
  expect(second).not.toBe(first);

  const invitee = await freshPage(browser);
  await invitee.page.goto(new URL(first).pathname);
  await expect(invitee.page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await signUpFromLink(invitee.page, second, { name: "Rita Right", email: hire, project: "Right Person" });
  await expect(invitee.page.getByText("You are a viewer in this project")).toBeVisible();
  await invitee.context.close();
});
