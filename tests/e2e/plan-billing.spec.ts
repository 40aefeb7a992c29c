import { expect, test, type Page } from "@playwright/test";
import { artistMembers } from "@/db/schema";
import { artifacts, seedFreeBand, seedUser, signInWithPassword, testDb } from "./helpers";

const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}/plan-${name}.png`, fullPage: true });

test("a band upgrades with test payments, fails a renewal, sees the grace notice, and cancels", async ({ page }) => {
  const { user, artist } = await seedFreeBand();
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.getByRole("link", { name: "Plan", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}/plan$`));
  await expect(page).toHaveTitle(`Plan · ${artist.name} · Merchtable`);
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await expect(page.getByTestId("releases-used")).toHaveText("1 of 1");
  await expect(page.getByText("Pro costs €29.00 a year or €3.00 a month.")).toBeVisible();
  await expect(page.getByText("No invoices yet.")).toBeVisible();
  await shot(page, "free");

  await page.getByLabel("Monthly, €3.00").check();
  await page.getByRole("button", { name: "Upgrade to Pro" }).click();
  await expect(page.getByTestId("test-banner")).toContainText("Test payment — no money moves");
  await expect(page.getByText("Merchtable Pro, billed monthly")).toBeVisible();
  await shot(page, "test-checkout");
  await page.getByRole("button", { name: "Pay €3.00" }).click();

  await expect(page).toHaveURL(/\/plan\?checkout=done$/);
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByTestId("releases-used")).toHaveText("1 (no limit)");
  await expect(page.getByTestId("subscription-status")).toContainText("Active, renews on");
  await expect(page.getByTestId("plan-invoices").getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Upgrade to Pro" })).toHaveCount(0);
  await shot(page, "pro");

  const panel = page.getByTestId("test-billing");
  await panel.getByRole("button", { name: "Fail the next renewal" }).click();
  await expect(page.getByTestId("grace-notice")).toContainText("Your last renewal could not be paid");
  await expect(page.getByTestId("subscription-status")).toContainText("Payment failed: Pro until");
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByTestId("plan-invoices").getByText("Failed")).toBeVisible();
  await shot(page, "past-due");

  await page.getByRole("button", { name: "Manage billing" }).click();
  await expect(page.getByTestId("test-portal")).toBeVisible();
  await page.getByRole("button", { name: "Cancel at the end of the period" }).click();
  await expect(page.getByTestId("portal-status")).toContainText("Payment failed");
  await page.getByRole("button", { name: "Keep my subscription" }).click();
  await expect(page.getByRole("button", { name: "Cancel at the end of the period" })).toBeVisible();
  await shot(page, "test-portal");
  await page.getByRole("link", { name: "Back to the plan page" }).click();

  await page.getByTestId("test-billing").getByRole("button", { name: "Cancel now" }).click();
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await expect(page.getByTestId("subscription-status")).toContainText("Canceled on");
  await expect(page.getByTestId("test-billing")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Upgrade to Pro" })).toBeVisible();
  await shot(page, "canceled");
});

test("a member who is not an owner reads the plan page but cannot pay", async ({ page }) => {
  const { artist } = await seedFreeBand();
  const member = await seedUser();
  await testDb().insert(artistMembers).values({ artistId: artist.id, userId: member.id, role: "member" });
  await signInWithPassword(page, member.email, member.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/plan`);
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await expect(page.getByText("Only the band's owners can change the plan or the billing.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Upgrade to Pro" })).toHaveCount(0);
  await shot(page, "member");
});

test.describe("in French", () => {
  test.use({ locale: "fr-FR", extraHTTPHeaders: { "Accept-Language": "fr-FR,fr;q=0.9" } });

  test("the plan page speaks French to a French band", async ({ page }) => {
    const { user, artist } = await seedFreeBand();
    await page.goto("/signin");
    const form = page.getByTestId("password-signin");
    await form.locator('input[type="email"]').fill(user.email);
    await form.locator('input[type="password"]').fill(user.password);
    await form.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
    await page.goto(`/dashboard/${artist.slug}/plan`);
    await expect(page.getByRole("heading", { name: "Formule et facturation" })).toBeVisible();
    await expect(page.getByTestId("current-plan")).toHaveText("Free");
    await expect(page.getByRole("button", { name: "Passer à Pro" })).toBeVisible();
    await shot(page, "free-fr");
  });
});
