import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { orders, releases } from "@/db/schema";
import { artifacts, seedFreeBand, signInWithPassword, testDb, uniqueId } from "./helpers";

/** The demo band's album, €7 (downloads are taxed where the fan lives). */
const ALBUM = "/demo-band/first-light";

/** Addresses the offline IP database places in these countries; the e2e server trusts X-Forwarded-For from loopback. */
const FROM = { DE: "85.214.0.1", ES: "80.58.0.1", FR: "90.0.0.1" };

test("a fan in Germany sees the German VAT included in the cart, with their country asked and prefilled", async ({
  page,
}) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": FROM.DE });
  await page.goto(ALBUM);
  await page.getByTestId("buy-panel").getByRole("button", { name: "Buy now" }).first().click();
  await expect(page.getByTestId("cart-line")).toContainText("First Light");
  await expect(page.getByLabel("Your country")).toHaveValue("DE");
  await expect(page.getByTestId("cart-total")).toHaveText("€7.00");
  await expect(page.getByTestId("cart-vat")).toHaveText("incl. VAT 19%: €1.12");
  await expect(page.getByText("Prices include VAT.")).toBeVisible();
  await page.screenshot({ path: `${artifacts}/cart-vat.png`, fullPage: true });
});

test("a fan connecting from Spain who picks Belgium confirms where they live before paying, then pays Belgian VAT", async ({
  page,
}) => {
  const email = `vat-fan-${uniqueId()}@example.test`;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": FROM.ES });
  await page.goto(ALBUM);
  await page.getByTestId("buy-panel").getByRole("button", { name: "Buy now" }).first().click();
  await expect(page.getByLabel("Your country")).toHaveValue("ES");
  await expect(page.getByTestId("country-confirm")).toHaveCount(0);

  await page.getByLabel("Your country").selectOption("BE");
  const panel = page.getByTestId("country-confirm");
  await expect(panel).toContainText(
    "Your connection appears to be in Spain but you chose Belgium; VAT depends on where you live.",
  );
  await expect(page.getByTestId("checkout-form").getByRole("button", { name: /Checkout/ })).toBeDisabled();
  await page.screenshot({ path: `${artifacts}/cart-country-confirm.png`, fullPage: true });

  await panel.getByRole("button", { name: "I live in Belgium" }).click();
  await expect(page.getByTestId("country-confirm")).toHaveCount(0);
  await expect(page.getByTestId("cart-vat")).toHaveText("incl. VAT 21%: €1.21");
  await page.getByTestId("checkout-form").getByLabel(/Email/).fill(email);
  await page
    .getByTestId("checkout-form")
    .getByRole("button", { name: /Checkout/ })
    .click();
  await expect(page.getByTestId("test-banner")).toBeVisible();
  await expect(page.getByTestId("test-order-lines")).toContainText("incl. VAT 21%");
  await expect(page.getByTestId("test-order-lines")).toContainText("€1.21");
  await page.screenshot({ path: `${artifacts}/test-payment-vat.png`, fullPage: true });
  const [order] = await testDb().select().from(orders).where(eq(orders.email, email));
  expect(order).toMatchObject({
    buyerCountry: "BE",
    vatCountry: "BE",
    vatPlatform: 121,
    countryEvidence: { ip: "ES", declared: "BE", confirmed: true, basis: "declared+confirmed" },
  });
});

test("a cart below the card minimum says so and suggests adding something; it cannot be paid", async ({ page }) => {
  const { artist, album } = await seedFreeBand();
  await testDb()
    .update(releases)
    .set({ pricingMode: "pay_what_you_want", priceMinimum: 0 })
    .where(eq(releases.id, album.id));
  await page.goto(`/${artist.slug}/${album.slug}`);
  await page
    .getByTestId("buy-panel")
    .getByLabel(/Your price/)
    .fill("0.30");
  await page.getByTestId("buy-panel").getByRole("button", { name: "Buy now" }).first().click();
  await expect(page.getByTestId("cart-total")).toHaveText("€0.30");
  await expect(page.getByTestId("card-minimum")).toHaveText(
    "Card payments start at €0.50. Add something to your cart to reach it, or pay it from a Merchtable balance (sign in to your library).",
  );
  await expect(page.getByTestId("checkout-form").getByRole("button", { name: /Checkout/ })).toBeDisabled();
  await page.screenshot({ path: `${artifacts}/cart-card-minimum.png`, fullPage: true });
});

test("the band sees on its order page the VAT the platform pays for a French download, its fee and its share", async ({
  page,
  browser,
}) => {
  const { artist, album, user } = await seedFreeBand();
  const email = `vat-band-fan-${uniqueId()}@example.test`;
  const fan = await browser.newPage({ extraHTTPHeaders: { "x-forwarded-for": FROM.FR } });
  await fan.goto(`/${artist.slug}/${album.slug}`);
  await fan.getByTestId("buy-panel").getByRole("button", { name: "Buy now" }).first().click();
  await expect(fan.getByTestId("cart-vat")).toHaveText("incl. VAT 20%: €1.17");
  await fan.getByTestId("checkout-form").getByLabel(/Email/).fill(email);
  await fan
    .getByTestId("checkout-form")
    .getByRole("button", { name: /Checkout/ })
    .click();
  await fan.getByRole("button", { name: /Pay €7.00/ }).click();
  await expect(fan.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await fan.close();

  const [order] = await testDb().select().from(orders).where(eq(orders.email, email));
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto(`/dashboard/${artist.slug}/orders/${order.id}`);
  const amounts = page.getByTestId("order-amounts");
  // 10 % of 7.00 less the 1.17 of VAT is 0.58; the band keeps 7.00 − 1.17 − 0.58.
  await expect(amounts).toContainText("VAT 20% on downloads (France), paid by Merchtable");
  await expect(amounts).toContainText("−€1.17");
  await expect(amounts).toContainText("−€0.58");
  await expect(amounts).toContainText("Your share");
  await expect(amounts).toContainText("€5.25");
  await page.screenshot({ path: `${artifacts}/band-order-vat.png`, fullPage: true });
});
