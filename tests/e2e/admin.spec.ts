import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artistMembers, artists, orders, paymentEventLog, users } from "@/db/schema";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

/** A band made straight in the database, and an operator (the role only the command line grants). */
async function seedBandAndOperator() {
  const owner = await seedUser();
  const name = `Console Band ${uniqueId()}`;
  const [band] = await testDb()
    .insert(artists)
    .values({ slug: `console-${uniqueId()}`, name })
    .returning();
  await testDb().insert(artistMembers).values({ artistId: band.id, userId: owner.id, role: "owner" });
  // A sale with its fee and a logged payment event, so the revenue and payment pages have something to show.
  await testDb().insert(orders).values({
    artistId: band.id,
    status: "paid",
    currency: "EUR",
    subtotal: 1500,
    total: 1500,
    platformFee: 150,
    provider: "test",
    expiresAt: new Date(),
    paidAt: new Date(),
  });
  const eventId = `evt_console_${uniqueId()}`;
  await testDb()
    .insert(paymentEventLog)
    .values({
      eventId,
      provider: "stripe",
      type: "customer.created",
      result: "ignored",
      payload: { id: eventId, type: "customer.created", data: { object: { id: "cus_console" } } },
    });
  const operator = await seedUser();
  await testDb().update(users).set({ operatorSince: new Date() }).where(eq(users.id, operator.id));
  return { owner, band, operator };
}

test("an operator finds a band, suspends it with a reason, sees it in the audit trail and restores it; its owner gets a 404 at /admin", async ({
  browser,
}) => {
  const { owner, band, operator } = await seedBandAndOperator();
  const page = await (await browser.newContext()).newPage();
  await signInWithPassword(page, operator.email, operator.password);
  await expect(page).toHaveURL(/\/onboarding$/);

  const response = await page.goto("/admin");
  expect(response?.status()).toBe(200);
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  expect(response?.headers()["cache-control"]).toMatch(/no-store/);
  await page.getByLabel("Search").fill(band.name);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("admin-bands").getByRole("row")).toHaveCount(2);
  await page.getByRole("link", { name: band.name }).click();
  await expect(page.getByTestId("band-name")).toHaveText(band.name);
  await expect(page.getByTestId("band-status")).toContainText("Active");

  const moderation = page.getByTestId("band-moderation");
  await moderation.getByRole("button", { name: "Suspend the band" }).click();
  // The reason is required: the browser stops the empty form, and nothing changes.
  await expect(page.getByTestId("band-status")).toContainText("Active");
  await moderation.getByLabel("Reason").fill("Sells music it does not own");
  await moderation.getByRole("button", { name: "Suspend the band" }).click();
  await expect(page.getByRole("status")).toContainText("The band is suspended");
  await expect(page.getByTestId("band-status")).toContainText("Suspended");
  const audit = page.getByTestId("admin-audit");
  await expect(audit.getByRole("row").filter({ hasText: "artist.suspend" })).toContainText(
    "Sells music it does not own",
  );
  await expect(audit.getByRole("row").filter({ hasText: "artist.suspend" })).toContainText(operator.email);
  await page.screenshot({ path: `${artifacts}/admin-band.png`, fullPage: true });

  await moderation.getByLabel("Reason").fill("Rights confirmed by the label");
  await moderation.getByRole("button", { name: "Restore the band" }).click();
  await expect(page.getByTestId("band-status")).toContainText("Active");
  await expect(audit.getByRole("row").filter({ hasText: "artist.restore" })).toContainText(
    "Rights confirmed by the label",
  );

  for (const [path, file] of [
    [`/admin?q=${encodeURIComponent(band.name)}`, "admin-bands"],
    ["/admin/revenue", "admin-revenue"],
    ["/admin/jobs", "admin-jobs"],
    ["/admin/payments", "admin-payments"],
    ["/admin/settings", "admin-settings"],
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(200);
    await page.screenshot({ path: `${artifacts}/${file}.png`, fullPage: true });
  }

  const ownerPage = await (await browser.newContext()).newPage();
  await signInWithPassword(ownerPage, owner.email, owner.password);
  await expect(ownerPage).toHaveURL(/\/dashboard/);
  for (const path of ["/admin", `/admin/bands/${band.id}`, "/admin/settings", "/admin/payments"]) {
    expect((await ownerPage.goto(path))?.status(), path).toBe(404);
    await expect(ownerPage.getByText(band.name)).toHaveCount(0);
  }
  const stranger = await (await browser.newContext()).newPage();
  expect((await stranger.goto("/admin"))?.status()).toBe(404);
});

test("the console speaks French to an operator who chose it", async ({ browser, baseURL }) => {
  const { band, operator } = await seedBandAndOperator();
  const context = await browser.newContext();
  await context.addCookies([{ name: "NEXT_LOCALE", value: "fr", url: baseURL! }]);
  const page = await context.newPage();
  await page.goto("/signin");
  const form = page.getByTestId("password-signin");
  await form.locator("input[name=email]").fill(operator.email);
  await form.locator("input[type=password]").fill(operator.password);
  await form.locator("button[type=submit]").click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.goto(`/admin?q=${encodeURIComponent(band.name)}`);
  await expect(page.getByRole("heading", { name: "Groupes" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Événements de paiement" })).toBeVisible();
  await page.screenshot({ path: `${artifacts}/admin-bands-fr.png`, fullPage: true });
  await page.goto(`/admin/bands/${band.id}`);
  await expect(page.getByRole("button", { name: "Suspendre le groupe" })).toBeVisible();
  await page.screenshot({ path: `${artifacts}/admin-band-fr.png`, fullPage: true });
});
