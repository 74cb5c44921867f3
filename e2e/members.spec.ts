import { expect, test, type Page } from "@playwright/test";
import { addMember, confirmItsYou, copyInviteLink, hydrated, signUp, signUpFromLink, uniqueEmail } from "./support";

const LAST_OWNER = "A project needs at least one owner. Make someone else an owner first.";

const memberRow = (page: Page, email: string) => page.getByRole("row", { name: new RegExp(email.replace(/[.+]/g, "\\$&")) });
const roleCell = (page: Page, email: string) => memberRow(page, email).getByRole("cell").nth(2);

async function openProject(page: Page, projectName: string, slug: string) {
  await page.reload();
  await hydrated(page);
  await page.getByRole("button", { name: /Switch project/ }).click();
  await page.getByRole("menuitem", { name: projectName }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys$`));
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await hydrated(page);
}

async function changeRole(page: Page, email: string, role: "Owner" | "Admin" | "Viewer") {
  await page.getByRole("button", { name: `Actions for ${email}` }).click();
  await page.getByRole("menuitem", { name: "Change role" }).click();
  const dialog = page.getByRole("dialog", { name: "Change role" });
  await dialog.getByRole("radio", { name: role, exact: true }).click();
  await dialog.getByRole("button", { name: "Save" }).click();
  return dialog;
}

test("owners add members and invite new people, roles change, and the last owner stays", async ({ page, browser }) => {
  const ownerEmail = uniqueEmail("olga");
  const slug = await signUp(page, { name: "Olga Owner", email: ownerEmail, project: "Team Space" });
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  await hydrated(page);
  await expect(roleCell(page, ownerEmail)).toHaveText("Owner");

  // An existing user, added as Admin, finds the project in their switcher and can manage keys.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  const adminEmail = uniqueEmail("adam");
  await signUp(adminPage, { name: "Adam Admin", email: adminEmail, project: "Adam's own" });
  await addMember(page, adminEmail, "Admin");
  await expect(roleCell(page, adminEmail)).toHaveText("Admin");
  await openProject(adminPage, "Team Space", slug);
  await expect(adminPage.getByText("You are a viewer in this project")).toHaveCount(0);

  // Adding the same person again is refused under the Email field and changes nothing.
  await page.getByRole("button", { name: "Add member" }).click();
  const again = page.getByRole("dialog", { name: "Add member" });
  await again.getByLabel("Email").fill(adminEmail.toUpperCase());
  await again.getByRole("button", { name: "Add", exact: true }).click();
  await expect(again.getByText(`${adminEmail} is already a member of this project.`)).toBeVisible();
  await again.getByRole("button", { name: "Cancel" }).click();

  // An e-mail with no account yet is invited; following the invite link, they sign up and join as a viewer.
  const viewerEmail = uniqueEmail("vera");
  await addMember(page, viewerEmail, "Viewer");
  await expect(memberRow(page, viewerEmail).getByText("Invitation pending")).toBeVisible();
  await expect(roleCell(page, viewerEmail)).toHaveText("Viewer");
  await page.screenshot({ path: "/tmp/members-owner.png", fullPage: true });
  const link = await copyInviteLink(page, viewerEmail);

  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await signUpFromLink(viewerPage, link, { name: "Vera Viewer", email: viewerEmail, project: "Team Space" });
  await expect(viewerPage).toHaveURL(new RegExp(`/p/${slug}/settings/api-keys$`));
  await expect(viewerPage.getByText("You are a viewer in this project")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Create key" })).toHaveCount(0);
  await viewerPage.getByRole("link", { name: "Members" }).click();
  await expect(viewerPage.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  await expect(viewerPage.getByText("You are a viewer in this project: you can see its members")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);
  await viewerPage.screenshot({ path: "/tmp/members-viewer.png", fullPage: true });

  await page.reload();
  await hydrated(page);
  await expect(memberRow(page, viewerEmail).getByText("Invitation pending")).toHaveCount(0);
  await expect(memberRow(page, viewerEmail)).toContainText("Vera Viewer");

  // The sole owner cannot demote themselves; once the admin is an owner too, they can.
  const refused = await changeRole(page, ownerEmail, "Admin");
  await confirmItsYou(page); // changing an owner needs sudo mode; it then holds for 10 minutes
  await expect(refused.getByRole("alert")).toHaveText(LAST_OWNER);
  await page.screenshot({ path: "/tmp/members-last-owner.png" });
  await refused.getByRole("button", { name: "Cancel" }).click();
  await expect(roleCell(page, ownerEmail)).toHaveText("Owner");

  await expect(await changeRole(page, adminEmail, "Owner")).toBeHidden();
  await expect(roleCell(page, adminEmail)).toHaveText("Owner");
  await expect(await changeRole(page, ownerEmail, "Admin")).toBeHidden();
  await expect(roleCell(page, ownerEmail)).toHaveText("Admin");
  // As an admin now, Olga no longer gets controls for owners.
  await expect(page.getByRole("button", { name: `Actions for ${adminEmail}` })).toHaveCount(0);

  await page.getByRole("button", { name: `Actions for ${viewerEmail}` }).click();
  await page.getByRole("menuitem", { name: "Remove" }).click();
  await page.getByRole("alertdialog", { name: "Remove member" }).getByRole("button", { name: "Remove" }).click();
  await expect(memberRow(page, viewerEmail)).toHaveCount(0);
  const gone = await viewerPage.goto(`/p/${slug}/settings/api-keys`);
  expect(gone?.status()).toBe(404);

  await adminContext.close();
  await viewerContext.close();
});
