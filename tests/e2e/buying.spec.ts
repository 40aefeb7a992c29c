import { expect, test, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { artists, orders, products, releases, subscribers } from "@/db/schema";
import { DEMO } from "@/db/seed";
import { artifacts, signInWithPassword, testDb, uniqueId } from "./helpers";

/** The demo band (seeded before the run): "First Light" at €7 and its CD at €12 with 25 in stock. */
const ALBUM = "/demo-band/first-light";

async function cdStock() {
  const [artist] = await testDb().select({ id: artists.id }).from(artists).where(eq(artists.slug, "demo-band"));
  const [cd] = await testDb()
    .select()
    .from(products)
    .where(and(eq(products.artistId, artist.id), eq(products.kind, "cd")));
  return cd.stock;
}

/**
 * The receipt sent to this address (the band's notice also names the fan, so match "To"). Picked
 * by its content, not as the newest: mails can share a timestamp.
 */
function inbox(page: Page, email: string) {
  return page
    .getByTestId("dev-mail")
    .filter({ has: page.getByTestId("dev-mail-to").getByText(email, { exact: true }) })
    .filter({ hasText: "Your purchase from" })
    .first();
}

async function checkout(page: Page, email: string) {
  await expect(page.getByTestId("cart-page")).toBeVisible();
  await page.getByTestId("checkout-form").getByLabel(/Email/).fill(email);
  await page
    .getByTestId("checkout-form")
    .getByRole("button", { name: /Checkout/ })
    .click();
  await expect(page.getByTestId("test-banner")).toContainText("No money moves");
}

async function addCdToCart(page: Page) {
  await page.goto(ALBUM);
  await page.getByTestId("physical-edition").getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  // Shipping is priced once the fan says where the parcel goes.
  await expect(page.getByTestId("checkout-form").getByRole("button")).toBeDisabled();
  await page.getByLabel("Ship to").selectOption("FR");
  await expect(page.getByTestId("cart-shipping")).toHaveText("€3.00");
  await expect(page.getByTestId("cart-total")).toHaveText("€15.00");
}

test("a guest buys the demo album with test payments, gets the receipt by email and downloads the FLAC zip", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const email = `fan-${uniqueId()}@example.test`;
  await page.goto(ALBUM);
  await expect(page.getByTestId("release-price")).toHaveText("€7.00");
  await page.screenshot({ path: `${artifacts}/release-buy-panel.png`, fullPage: true });
  await page.getByTestId("buy-panel").getByRole("button", { name: "Buy now" }).first().click();

  await expect(page.getByTestId("cart-line")).toContainText("First Light");
  await expect(page.getByTestId("cart-total")).toHaveText("€7.00");
  await expect(page.getByTestId("test-mode-note")).toBeVisible();
  await page.screenshot({ path: `${artifacts}/cart.png`, fullPage: true });
  await checkout(page, email);
  await page.screenshot({ path: `${artifacts}/test-payment.png`, fullPage: true });
  await page.getByRole("button", { name: /Pay €7.00/ }).click();

  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(page.getByTestId("checkout-success")).toContainText(email);
  await expect(page.getByTestId("go-to-downloads")).toHaveAttribute("href", /\/download\/[A-Za-z0-9_-]{43}$/);
  await page.screenshot({ path: `${artifacts}/checkout-success.png`, fullPage: true });

  const [order] = await testDb().select().from(orders).where(eq(orders.email, email));
  expect(order).toMatchObject({ status: "paid", provider: "test", total: 700, currency: "EUR" });

  await page.goto("/dev/mail");
  const mail = inbox(page, email);
  await expect(mail).toContainText("Your purchase from The Demo Band");
  await expect(mail).toContainText("€7.00");
  await mail.getByRole("link", { name: /\/download\// }).click();
  // The receipt's link opens the download page (tests/e2e/downloads.spec.ts takes the FLAC zip apart).
  await expect(page.getByTestId("download-item")).toHaveCount(1);
  await expect(page.getByTestId("download-item-title")).toHaveText("First Light");
  await page.getByTestId("download-item").getByLabel("Format").selectOption("flac");
  const link = page.getByTestId("download-link");
  if (!(await link.isVisible())) await page.getByTestId("download-button").click();
  await expect(link).toBeVisible({ timeout: 90_000 });
  const zip = await page.request.get((await link.getAttribute("href"))!);
  expect(zip.status()).toBe(200);
  expect(zip.headers()["content-disposition"]).toContain("The Demo Band - First Light (FLAC).zip");
});

test("a fan back from the payment page by its back link gets the CD back on sale; opening the cart or thank-you address alone changes nothing", async ({
  page,
}) => {
  const email = `back-fan-${uniqueId()}@example.test`;
  const before = await cdStock();
  await addCdToCart(page);
  await checkout(page, email);
  expect(await cdStock()).toBe(before! - 1);
  const [order] = await testDb().select().from(orders).where(eq(orders.email, email));

  // A prefetch or a crawler fetching the pages (GET renders) writes nothing.
  await page.goto(`/demo-band/cart?canceled=${order.id}`);
  await expect(page.getByText("Payment canceled.")).toBeVisible();
  await page.goto(`/checkout/success?order=${order.id}&session=${order.providerSessionId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Your payment is being confirmed. This page refreshes by itself.",
  );
  const [untouched] = await testDb().select().from(orders).where(eq(orders.id, order.id));
  expect(untouched.status).toBe("pending");
  expect(await cdStock()).toBe(before! - 1);

  // The provider's cancel URL is the route handler: it closes the checkout, then shows the cart.
  await page.goto(`/demo-band/cart/canceled?order=${order.id}`);
  await expect(page).toHaveURL(/\/demo-band\/cart\?canceled=1$/);
  await expect(page.getByText("Payment canceled.")).toBeVisible();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await page.screenshot({ path: `${artifacts}/cart-after-back-link.png`, fullPage: true });
  const [closed] = await testDb().select().from(orders).where(eq(orders.id, order.id));
  expect(closed.status).toBe("canceled");
  expect(await cdStock()).toBe(before!);
});

test("a fan buys the CD: shipping by country, address on the payment page, stock taken once", async ({ page }) => {
  const email = `cd-fan-${uniqueId()}@example.test`;
  const before = await cdStock();
  await addCdToCart(page);
  await checkout(page, email);
  // The unit is held while the fan pays.
  expect(await cdStock()).toBe(before! - 1);
  const form = page.getByTestId("test-pay-form");
  await form.getByRole("button", { name: /Pay/ }).click();
  await expect(form.getByTestId("error-name")).toContainText("Fill in the shipping address");
  await form.getByLabel("Full name").fill("Camille Martin");
  await form.getByLabel("Address", { exact: true }).fill("12 rue des Pentes");
  await form.getByLabel("Postcode").fill("69001");
  await form.getByLabel("City").fill("Lyon");
  await form.getByRole("button", { name: /Pay €15.00/ }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(page.getByTestId("checkout-success")).toContainText("12 rue des Pentes");

  const [order] = await testDb().select().from(orders).where(eq(orders.email, email));
  expect(order).toMatchObject({ status: "paid", needsShipping: true, shipping: 300, total: 1500, buyerCountry: "FR" });
  expect(order.shippingAddress).toMatchObject({ name: "Camille Martin", city: "Lyon", country: "FR" });
  expect(await cdStock()).toBe(before! - 1);

  // The band sees it among the orders to ship, with the address to write on the parcel.
  await page.context().clearCookies();
  await signInWithPassword(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto("/dashboard/demo-band/orders?show=to-ship");
  const row = page.getByTestId("order-row").filter({ hasText: email });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("to-ship-badge")).toBeVisible();
  await row.getByRole("link").first().click();
  await expect(page.getByTestId("order-address")).toContainText("12 rue des Pentes");
  await expect(page.getByTestId("order-items")).toContainText("First Light (CD)");
  await page.screenshot({ path: `${artifacts}/band-order-to-ship.png`, fullPage: true });
});

test("the ship-to list names each country once, under current codes only, in English and in French", async ({
  page,
}) => {
  await page.goto(ALBUM);
  await page.getByTestId("physical-edition").getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  const options = () =>
    page
      .locator("#ship-country option:not([value=''])")
      .evaluateAll((list) => list.map((o) => ({ code: (o as HTMLOptionElement).value, name: o.textContent ?? "" })));
  const check = async (germany: string) => {
    const list = await options();
    const names = list.map((o) => o.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    for (const withdrawn of ["DD", "FX", "UK", "SU", "CS", "YU", "ZR", "TP", "AN"])
      expect(list.map((o) => o.code)).not.toContain(withdrawn);
    expect(list.filter((o) => o.name === germany)).toEqual([{ code: "DE", name: germany }]);
    expect(list.length).toBeGreaterThanOrEqual(249);
  };
  await check("Germany");
  await page.getByTestId("locale-switcher").selectOption("fr");
  await expect(page.locator("#ship-country option[value='DE']")).toHaveText("Allemagne");
  await check("Allemagne");
  await page.locator("#ship-country").selectOption("DE");
  await expect(page.getByTestId("cart-shipping")).toContainText("6,00");
  await page.screenshot({ path: `${artifacts}/cart-ship-to-fr.png`, fullPage: true });
});

test("a declined payment leaves the stock as it was and the cart intact", async ({ page }) => {
  const before = await cdStock();
  await addCdToCart(page);
  await checkout(page, `declined-${uniqueId()}@example.test`);
  expect(await cdStock()).toBe(before! - 1);
  await page.getByTestId("test-decline").click();
  await expect(page).toHaveURL(/\/demo-band\/cart\?declined=1$/);
  await expect(page.getByRole("alert").first()).toContainText("declined");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  expect(await cdStock()).toBe(before);
});

test("the free-download form captures the fan's email and news opt-in", async ({ page }) => {
  const db = testDb();
  const id = uniqueId();
  const [artist] = await db
    .insert(artists)
    .values({ slug: `free-band-${id}`, name: `Free Band ${id}` })
    .returning();
  await db.insert(releases).values({
    artistId: artist.id,
    slug: "gift",
    title: "A Gift",
    status: "published",
    publishedAt: new Date(),
    pricingMode: "free",
    priceAmount: 0,
  });
  const email = `free-${id}@example.test`;

  await page.goto(`/${artist.slug}/gift`);
  await expect(page.getByTestId("release-price")).toHaveText("Free download");
  const form = page.getByTestId("free-download-form");
  await form.getByRole("button", { name: "Send me the link" }).click();
  // The browser asks for the address first; nothing was sent.
  expect(await db.select().from(orders).where(eq(orders.artistId, artist.id))).toHaveLength(0);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel(/Send me news/).check();
  await form.getByRole("button", { name: "Send me the link" }).click();
  await expect(page.getByTestId("free-download-sent")).toContainText(email);

  const [subscriber] = await db.select().from(subscribers).where(eq(subscribers.artistId, artist.id));
  expect(subscriber).toMatchObject({ email, source: "free_download" });
  const [order] = await db.select().from(orders).where(eq(orders.artistId, artist.id));
  expect(order).toMatchObject({ status: "paid", provider: "free", total: 0, email });

  await page.goto("/dev/mail");
  await expect(inbox(page, email)).toContainText(`Your purchase from Free Band ${id}`);
});
