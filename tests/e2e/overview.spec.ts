import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artistMembers, artists, orderItems, orders, products, releases, shippingRates } from "@/db/schema";
import { baseURL } from "@/playwright.config";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

/** A band selling a CD of its album from France, with a member who can sign in; built in the database. */
async function bandWithCd() {
  const db = testDb();
  const id = uniqueId();
  const owner = await seedUser();
  const [artist] = await db
    .insert(artists)
    .values({ slug: `night-ferry-${id}`, name: `Night Ferry ${id}`, country: "FR" })
    .returning();
  await db.insert(artistMembers).values({ artistId: artist.id, userId: owner.id, role: "owner" });
  const [release] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "harbour-lights",
      title: "Harbour Lights",
      status: "published",
      publishedAt: new Date(),
      pricingMode: "fixed",
      priceAmount: 700,
      currency: "EUR",
    })
    .returning();
  const [cd] = await db
    .insert(products)
    .values({
      artistId: artist.id,
      releaseId: release.id,
      kind: "cd",
      title: "Harbour Lights CD",
      priceAmount: 1000,
      currency: "EUR",
      stock: 10,
      published: true,
    })
    .returning();
  await db.insert(shippingRates).values([
    { artistId: artist.id, zone: "home", firstItem: 300, eachExtra: 100, currency: "EUR" },
    { artistId: artist.id, zone: "europe", firstItem: 600, eachExtra: 200, currency: "EUR" },
  ]);
  return { artist, owner, cd };
}

/** Another origin (127.0.0.1 on its own port) with the band's shop widget on it. */
async function siteWithShop(slug: string): Promise<{ url: string; server: Server }> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferry zine</title></head><body>
    <h1>Ferry zine</h1><iframe src="${baseURL}/embed/shop/${slug}" title="Shop" height="480" style="width:100%;height:480px;border:0" data-testid="shop-frame"></iframe></body></html>`;
  const server = createServer((request, response) => {
    if (request.url !== "/") return void response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

test("after a CD bought through a widget on another site, the band's overview shows the sale, the site and the buyer's country", async ({
  page,
  context,
}) => {
  const band = await bandWithCd();
  const site = await siteWithShop(band.artist.slug);
  const email = `ferry-fan-${uniqueId()}@example.test`;
  try {
    await page.goto(site.url);
    const shop = page.frameLocator('[data-testid="shop-frame"]');
    const row = shop.getByTestId("embed-shop-item").filter({ hasText: "Harbour Lights CD" });
    const [tab] = await Promise.all([context.waitForEvent("page"), row.getByRole("link", { name: /Buy/ }).click()]);
    await tab.waitForLoadState();
    await expect(tab.getByTestId("cart-line")).toContainText("Harbour Lights CD");
    await tab.locator("#ship-country").selectOption("DE");
    await expect(tab.getByRole("button", { name: /Checkout/ })).toBeEnabled();
    await tab.getByTestId("checkout-form").getByLabel(/Email/).fill(email);
    await tab
      .getByTestId("checkout-form")
      .getByRole("button", { name: /Checkout/ })
      .click();
    const pay = tab.getByTestId("test-pay-form");
    await pay.getByLabel("Full name").fill("Jonas Weber");
    await pay.getByLabel("Address", { exact: true }).fill("Hafenstraße 3");
    await pay.getByLabel("Postcode").fill("20457");
    await pay.getByLabel("City").fill("Hamburg");
    await pay.getByRole("button", { name: /Pay €16.00/ }).click();
    await expect(tab.getByRole("heading", { name: "Thank you!" })).toBeVisible();
    await tab.close();
  } finally {
    site.server.close();
  }
  const [order] = await testDb().select().from(orders).where(eq(orders.email, email));
  expect(order).toMatchObject({
    status: "paid",
    total: 1600,
    source: "embed",
    sourceHost: "127.0.0.1",
    buyerCountry: "DE",
  });

  await signInWithPassword(page, band.owner.email, band.owner.password);
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto(`/dashboard/${band.artist.slug}?period=7d`);
  await expect(page.getByTestId("gross-EUR")).toHaveText("€16.00");
  await expect(page.getByTestId("kpi-orders")).toHaveText("1");
  await expect(page.getByTestId("kpi-units")).toHaveText("1");
  const sources = page.getByTestId("breakdown-source");
  await expect(sources.getByRole("row").filter({ hasText: "Embedded on 127.0.0.1" })).toContainText("1");
  await expect(
    page.getByTestId("breakdown-country").getByRole("row").filter({ hasText: "Germany (DE)" }),
  ).toBeVisible();
  await expect(page.getByTestId("breakdown-format").getByRole("row").filter({ hasText: "CD & merch" })).toContainText(
    "€10.00",
  );
  await expect(page.getByTestId("sales-chart-EUR").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.screenshot({ path: `${artifacts}/overview-en.png`, fullPage: true });

  // A bad custom range is explained, and the figures fall back to the last 30 days.
  await page.goto(`/dashboard/${band.artist.slug}?period=custom&from=2026-05-10&to=2026-05-01`);
  await expect(page.getByRole("alert").filter({ hasText: "The end date is before the start date" })).toBeVisible();
  await expect(page.getByTestId("gross-EUR")).toHaveText("€16.00");

  await page.goto(`/dashboard/${band.artist.slug}?period=7d`);
  await page.getByTestId("locale-switcher").selectOption("fr");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByTestId("breakdown-source")).toContainText("Intégré sur 127.0.0.1");
  await expect(page.getByTestId("breakdown-country")).toContainText("Allemagne (DE)");
  await page.screenshot({ path: `${artifacts}/overview-fr.png`, fullPage: true });
});

test("a band sets its time zone in Settings, and its overview counts days from midnight there", async ({ page }) => {
  const band = await bandWithCd();
  const db = testDb();
  await db.transaction(async (tx) => {
    const [order] = await tx
      .insert(orders)
      .values({
        artistId: band.artist.id,
        status: "paid",
        email: `fan-${uniqueId()}@example.test`,
        currency: "EUR",
        subtotal: 700,
        total: 700,
        platformFee: 70,
        provider: "test",
        expiresAt: new Date(),
        paidAt: new Date(),
        buyerCountry: "JP",
      })
      .returning();
    await tx.insert(orderItems).values({
      orderId: order.id,
      kind: "product",
      productId: band.cd.id,
      title: "Harbour Lights CD",
      unitAmount: 700,
      currency: "EUR",
    });
  });
  await signInWithPassword(page, band.owner.email, band.owner.password);
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto(`/dashboard/${band.artist.slug}/settings`);
  await expect(page.getByLabel("Time zone")).toHaveValue("UTC");
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved. Your shop shows the changes now.")).toBeVisible();
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  await page.screenshot({ path: `${artifacts}/settings-time-zone.png`, fullPage: true });
  const [saved] = await db.select({ timeZone: artists.timeZone }).from(artists).where(eq(artists.id, band.artist.id));
  expect(saved.timeZone).toBe("Asia/Tokyo");

  await page.goto(`/dashboard/${band.artist.slug}?period=7d`);
  await expect(page.getByTestId("period-summary")).toContainText("midnight to midnight in Asia/Tokyo");
  await expect(page.getByTestId("gross-EUR")).toHaveText("€7.00");
  await expect(page.getByTestId("breakdown-country").getByRole("row").filter({ hasText: "Japan (JP)" })).toBeVisible();
});
