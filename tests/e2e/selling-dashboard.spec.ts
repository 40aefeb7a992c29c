import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artistMembers, artists, orderItems, orders, products, shippingRates } from "@/db/schema";
import { artifacts, pictureFile, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

/** A band with one member who can sign in, built straight in the database. */
async function seedBand(country: string | null) {
  const user = await seedUser();
  const slug = `band-${uniqueId()}`;
  const [artist] = await testDb()
    .insert(artists)
    .values({ slug, name: `Band ${slug}`, currency: "EUR", country })
    .returning();
  await testDb().insert(artistMembers).values({ artistId: artist.id, userId: user.id, role: "owner" });
  return { user, artist };
}

test("a band member puts a CD with 5 in stock on sale and sets a home shipping rate", async ({ page }) => {
  const { user, artist } = await seedBand(null);
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/merch/new`);

  const form = page.getByTestId("product-form");
  await form.getByLabel("Type").selectOption("cd");
  await form.getByLabel("Title").fill("Debut CD");
  await form.getByLabel("Price").fill("-12");
  await form.getByRole("button", { name: "Add item" }).click();
  await expect(page.getByTestId("error-price")).toHaveText("An amount cannot be negative.");
  await form.getByLabel("Price").fill("12");
  await form.getByLabel("Stock").fill("5");
  await form.locator('input[type="file"]').setInputFiles(await pictureFile("front.png"));
  await page.screenshot({ path: `${artifacts}/merch-new.png`, fullPage: true });
  await form.getByRole("button", { name: "Add item" }).click();
  await expect(page.getByTestId("product-title")).toHaveText("Debut CD");
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Photo 1" })).toBeVisible();

  await page.getByRole("link", { name: "Merch", exact: true }).click();
  const row = page.getByTestId("product-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Debut CD");
  await expect(row).toContainText("5 in stock");
  await expect(row).toContainText("€12.00");
  await expect(page.getByRole("status")).toContainText("fans cannot order physical items");
  await page.screenshot({ path: `${artifacts}/merch-list.png`, fullPage: true });

  await page.getByRole("link", { name: "Set shipping rates" }).click();
  await expect(page.getByTestId("shipping-rule")).toContainText("every further item costs the each-extra price");
  const shipping = page.getByTestId("shipping-form");
  await shipping.getByLabel("Ships from").selectOption("FR");
  await shipping.getByRole("button", { name: "Add a zone" }).click();
  await shipping.getByLabel("First item").fill("4");
  await shipping.getByLabel("Each extra item").fill("1");
  await shipping.getByRole("button", { name: "Save shipping" }).click();
  await expect(page.getByText("Shipping saved.")).toBeVisible();
  await page.screenshot({ path: `${artifacts}/shipping-settings.png`, fullPage: true });

  const [cd] = await testDb().select().from(products).where(eq(products.artistId, artist.id));
  expect(cd).toMatchObject({
    kind: "cd",
    title: "Debut CD",
    priceAmount: 1200,
    currency: "EUR",
    stock: 5,
    published: true,
  });
  expect(cd.photoKeys).toHaveLength(1);
  const rates = await testDb().select().from(shippingRates).where(eq(shippingRates.artistId, artist.id));
  expect(rates.map((r) => [r.zone, r.currency, r.firstItem, r.eachExtra])).toEqual([["home", "EUR", 400, 100]]);
  expect((await testDb().select().from(artists).where(eq(artists.id, artist.id)))[0].country).toBe("FR");

  await page.goto(`/dashboard/${artist.slug}/merch`);
  await expect(page.getByRole("status")).toHaveCount(0);
});

test("a band member opens a paid order and refunds part of it", async ({ page }) => {
  const { user, artist } = await seedBand("FR");
  const [cd] = await testDb()
    .insert(products)
    .values({
      artistId: artist.id,
      kind: "cd",
      title: "Debut CD",
      priceAmount: 1200,
      currency: "EUR",
      stock: 4,
      published: true,
    })
    .returning();
  const email = `fan-${uniqueId()}@example.test`;
  // As fulfilment leaves a test-provider order: paid, with its payment reference and the address.
  const order = await testDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({
        artistId: artist.id,
        status: "paid",
        email,
        currency: "EUR",
        subtotal: 1200,
        shipping: 400,
        total: 1600,
        provider: "test",
        providerSessionId: `test_${uniqueId()}`,
        providerPaymentId: `test_pay_${uniqueId()}`,
        needsShipping: true,
        shippingAddress: {
          name: "Camille Fan",
          line1: "3 rue des Lilas",
          postalCode: "69001",
          city: "Lyon",
          country: "FR",
        },
        buyerCountry: "FR",
        expiresAt: new Date(),
        paidAt: new Date(),
      })
      .returning();
    await tx.insert(orderItems).values({
      orderId: row.id,
      kind: "product",
      productId: cd.id,
      title: "Debut CD",
      unitAmount: 1200,
      currency: "EUR",
    });
    return row;
  });

  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/orders`);
  await expect(page.getByTestId("nav-to-ship")).toContainText("1");
  const row = page.getByTestId("order-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(email);
  await expect(row).toContainText("€16.00");
  await expect(row.getByTestId("to-ship-badge")).toBeVisible();
  await page.screenshot({ path: `${artifacts}/orders-list.png`, fullPage: true });
  await row.getByRole("link").click();

  await expect(page.getByTestId("order-address")).toContainText("3 rue des Lilas");
  await expect(page.getByTestId("order-address")).toContainText("69001 Lyon");
  await expect(page.getByTestId("order-items")).toContainText("Debut CD");
  const refund = page.getByTestId("refund-form");
  await refund.getByLabel("Part of it").check();
  await refund.getByLabel(/Amount to refund/).fill("20");
  await refund.getByRole("button", { name: "Refund…" }).click();
  await expect(page.getByTestId("error-refund-amount")).toHaveText("Enter an amount above 0 and at most €16.00.");
  await refund.getByLabel(/Amount to refund/).fill("5");
  await refund.getByRole("button", { name: "Refund…" }).click();
  const dialog = page.getByTestId("refund-confirm");
  await expect(dialog).toContainText(`Refund €5.00 to ${email}?`);
  await page.screenshot({ path: `${artifacts}/order-refund-confirm.png`, fullPage: true });
  await dialog.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(page.getByText("Refund of €5.00 done.")).toBeVisible();
  await expect(page.getByTestId("order-status")).toContainText("Partly refunded");
  await expect(page.getByTestId("order-amounts")).toContainText("−€5.00");
  await page.screenshot({ path: `${artifacts}/order-detail.png`, fullPage: true });

  const [after] = await testDb().select().from(orders).where(eq(orders.id, order.id));
  expect(after).toMatchObject({ status: "partially_refunded", refundedAmount: 500 });
});
