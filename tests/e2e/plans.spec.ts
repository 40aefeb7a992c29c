import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artists, orders, releases } from "@/db/schema";
import { artifacts, seedFreeBand, signInWithPassword, testDb, uniqueId } from "./helpers";

test("a Free band publishing a second release is told why, with the link to upgrade, and it stays a draft", async ({
  page,
}) => {
  const { user, artist, second } = await seedFreeBand();
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/releases/${second.id}`);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "Free shops show one release" });
  await expect(refusal).toContainText("Free shops show one release. Upgrade to Pro to publish more");
  const upgrade = refusal.getByRole("link", { name: "Upgrade to Pro" });
  await expect(upgrade).toHaveAttribute("href", `/dashboard/${artist.slug}/plan`);
  await page.screenshot({ path: `${artifacts}/plan-limit.png`, fullPage: true });
  await page.reload();
  await expect(page.getByTestId("release-status")).toContainText("Draft");
  // The shop still lists only the first album.
  await page.goto(`/${artist.slug}`);
  await expect(page.getByTestId("release-grid").getByRole("listitem")).toHaveCount(1);
});

test("a Free band sees its colour and banner layout as Pro options, and a change is refused", async ({ page }) => {
  const { user, artist } = await seedFreeBand();
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/settings`);
  const look = page.getByTestId("look-fields");
  await expect(look.getByText("Pro", { exact: true })).toHaveCount(2);
  await expect(look.getByRole("link", { name: "Upgrade to Pro" })).toHaveAttribute(
    "href",
    `/dashboard/${artist.slug}/plan`,
  );
  await look.getByLabel("Header layout").selectOption("tall");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(look.getByText("Upgrade to Pro to change them")).toBeVisible();
  await look.screenshot({ path: `${artifacts}/plan-look-refused.png` });
});

for (const [path, heading, fee] of [
  ["/pricing", "Plans and pricing", "Platform fee: 10% of each sale"],
  ["/fr/pricing", "Formules et tarifs", "Commission de la plateforme : 10 % de chaque vente"],
] as const) {
  test(`${path} sets Free and Pro side by side`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page.getByTestId("plan-free")).toContainText(fee);
    await expect(page.getByTestId("plan-pro-price")).toContainText("29");
    await expect(page.getByTestId("plan-pro-price")).toContainText("3");
    await page.screenshot({ path: `${artifacts}/pricing-${path.startsWith("/fr") ? "fr" : "en"}.png`, fullPage: true });
  });
}

test("the Pro look: a Pro shop shows its colour and banner layout, a Free shop keeps the house look", async ({
  page,
}) => {
  const db = testDb();
  const shop = async (plan: "free" | "pro", bannerLayout: "tall" | "none") => {
    const slug = `look-${plan}-${bannerLayout}-${uniqueId()}`;
    await db.insert(artists).values({ slug, name: `Look ${slug}`, plan, bannerLayout, accentColor: "#2f6f5e" });
    await page.goto(`/${slug}`);
    return page.getByTestId("artist-shop");
  };
  const tall = await shop("pro", "tall");
  await expect(tall).toHaveAttribute("data-banner", "tall");
  const box = await page.getByTestId("shop-banner").boundingBox();
  expect(box!.height / box!.width).toBeGreaterThan(0.45);
  expect(await tall.getAttribute("style")).toContain("#2f6f5e");
  await page.screenshot({ path: `${artifacts}/look-pro-tall.png` });

  const none = await shop("pro", "none");
  await expect(none).toHaveAttribute("data-banner", "none");
  await expect(page.getByTestId("shop-banner")).toHaveCount(0);
  await page.screenshot({ path: `${artifacts}/look-pro-none.png` });

  // Saved while on Pro, kept after a downgrade, not shown.
  const free = await shop("free", "none");
  await expect(free).toHaveAttribute("data-banner", "standard");
  await expect(page.getByTestId("shop-banner")).toHaveCount(1);
  expect(await free.getAttribute("style")).not.toContain("#2f6f5e");
});

test("an unlisted release's page works for anyone and says Unlisted to the band's members only", async ({
  page,
  browser,
}) => {
  const { user, artist, second } = await seedFreeBand();
  await testDb().update(releases).set({ status: "published", listed: false }).where(eq(releases.id, second.id));
  const fan = await browser.newPage();
  await fan.goto(`/${artist.slug}/${second.slug}`);
  await expect(fan.getByRole("heading", { level: 1 })).toHaveText("Second Album");
  await expect(fan.getByTestId("member-note")).toHaveCount(0);
  await fan.close();

  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/${artist.slug}/${second.slug}`);
  await expect(page.getByTestId("member-note")).toContainText("Unlisted");
  await page.goto(`/dashboard/${artist.slug}/releases/${second.id}`);
  await expect(page.getByTestId("listing-status")).toHaveText("Unlisted");
  await page.getByRole("button", { name: "Show on my shop" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Free shops show one release" })).toBeVisible();
});

test("the band's order page shows the fee rate stamped on the order", async ({ page }) => {
  const { user, artist } = await seedFreeBand();
  const [order] = await testDb()
    .insert(orders)
    .values({
      artistId: artist.id,
      email: "fan@example.test",
      status: "paid",
      paidAt: new Date(),
      currency: "EUR",
      subtotal: 700,
      total: 700,
      platformFee: 70,
      plan: "free",
      feeBasisPoints: 1000,
      provider: "test",
      expiresAt: new Date(),
    })
    .returning();
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/orders/${order.id}`);
  await expect(page.getByText("Platform fee (10%)")).toBeVisible();
  await expect(page.getByText("−€0.70")).toBeVisible();
});

test("a Free band publishes its first release, is told why a second cannot be published, upgrades with test payments and publishes it", async ({
  page,
}) => {
  const { user, artist, album, second } = await seedFreeBand({ firstPublished: false });
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));

  await page.goto(`/dashboard/${artist.slug}/releases/${album.id}`);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("release-status")).toContainText("Published");

  await page.goto(`/dashboard/${artist.slug}/releases/${second.id}`);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "Free shops show one release" });
  await expect(refusal).toBeVisible();
  await refusal.getByRole("link", { name: "Upgrade to Pro" }).click();

  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}/plan$`));
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await page.getByRole("button", { name: "Upgrade to Pro" }).click();
  await expect(page.getByTestId("test-banner")).toContainText("Test payment — no money moves");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");

  await page.goto(`/dashboard/${artist.slug}/releases/${second.id}`);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("release-status")).toContainText("Published");
  await page.goto(`/${artist.slug}`);
  await expect(page.getByTestId("release-grid").getByRole("listitem")).toHaveCount(2);
  await page.screenshot({ path: `${artifacts}/plan-upgraded-shop.png`, fullPage: true });
});
