import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artistMembers, artists, orderItems, orders, subscribers } from "@/db/schema";
import { DEMO } from "@/db/seed";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

/** A mail to this address whose text contains `about` (the band's notice also names the fan); picked by content, as mails can share a timestamp. */
function mailTo(page: Page, email: string, about: string) {
  return page
    .getByTestId("dev-mail")
    .filter({ has: page.getByTestId("dev-mail-to").getByText(email, { exact: true }) })
    .filter({ hasText: about })
    .first();
}

test("a fan buys the CD, the band ships it with a tracking number and prints the slip, the fan is told and can unsubscribe", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const email = `ship-fan-${uniqueId()}@example.test`;

  // The fan buys the CD through the real cart and the test payment page, asking for news.
  await page.goto("/demo-band/first-light");
  await page.getByTestId("physical-edition").getByRole("button", { name: "Add to cart" }).click();
  await page.getByLabel("Ship to").selectOption("FR");
  await expect(page.getByTestId("cart-total")).toHaveText("€15.00");
  const checkout = page.getByTestId("checkout-form");
  await checkout.getByLabel(/Email/).fill(email);
  await checkout.getByLabel(/Send me news/).check();
  await checkout.getByRole("button", { name: /Checkout/ }).click();
  const pay = page.getByTestId("test-pay-form");
  await pay.getByLabel("Full name").fill("Camille Martin");
  await pay.getByLabel("Address", { exact: true }).fill("12 rue des Pentes");
  await pay.getByLabel("Postcode").fill("69001");
  await pay.getByLabel("City").fill("Lyon");
  await pay.getByRole("button", { name: /Pay €15.00/ }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  const [order] = await testDb().select().from(orders).where(eq(orders.email, email));

  // The band finds it among the orders to ship (searching by part of the email) and opens it.
  await page.context().clearCookies();
  await signInWithPassword(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto("/dashboard/demo-band/orders?show=to-ship");
  await page.getByLabel("Search by buyer email").fill(email.slice(0, 14).toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByTestId("order-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(email);
  await expect(page.getByTestId("filter-to-ship")).toHaveAttribute("aria-current", "page");
  await page.screenshot({ path: `${artifacts}/band-orders-search.png`, fullPage: true });
  await row.getByRole("link").first().click();

  // A bad tracking number is explained and changes nothing.
  const ship = page.getByTestId("ship-form");
  await ship.getByLabel("Carrier (optional)").fill("La Poste / Colissimo");
  await ship.getByLabel("Tracking number (optional)").fill("<6A123>");
  await ship.getByRole("button", { name: "Mark as shipped and email the fan" }).click();
  await expect(ship).toContainText("only letters, digits");
  expect((await testDb().select().from(orderItems).where(eq(orderItems.orderId, order.id)))[0].shippedAt).toBeNull();

  await ship.getByLabel("Tracking number (optional)").fill("6A12345678901");
  await ship.getByRole("button", { name: "Mark as shipped and email the fan" }).click();
  await expect(ship).toContainText("Marked as shipped. The fan will get an email.");
  await expect(page.getByTestId("order-items")).toContainText("with La Poste / Colissimo, tracking 6A12345678901");
  await expect(page.getByTestId("order-items").getByRole("link", { name: "Track" })).toHaveAttribute(
    "href",
    "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901",
  );
  await expect(page.getByTestId("order-status")).not.toContainText("To ship");
  await page.screenshot({ path: `${artifacts}/band-order-shipped.png`, fullPage: true });
  await page.getByRole("button", { name: "Send the receipt again" }).click();
  await expect(page.getByTestId("resend-receipt")).toContainText(`Receipt sent again to ${email}.`);

  // The packing slip: the address, the CD and its quantity, no prices unless asked.
  await page.getByRole("link", { name: "Packing slip" }).click();
  const slip = page.getByTestId("packing-slip");
  await expect(slip.getByTestId("slip-address")).toContainText("Camille Martin");
  await expect(slip.getByTestId("slip-address")).toContainText("69001 Lyon");
  await expect(slip.getByTestId("slip-items")).toContainText("First Light (CD)");
  await expect(slip).not.toContainText("€");
  await page.screenshot({ path: `${artifacts}/packing-slip.png`, fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: `${artifacts}/packing-slip-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await page.getByRole("link", { name: "Show prices" }).click();
  await expect(slip.getByTestId("slip-items")).toContainText("€12.00");

  // The orders CSV has the order, with its tracking on the sales line.
  const csv = await page.request.get(`/dashboard/demo-band/orders/export?kind=lines`);
  expect(csv.headers()["content-disposition"]).toBe('attachment; filename="demo-band-sales-lines.csv"');
  expect(await csv.text()).toContain(`${email},product,First Light (CD),,1,EUR,12.00,12.00,`);

  // The fan who asked for news is among the band's fans, and in their CSV.
  await page.goto("/dashboard/demo-band/fans");
  await page.getByLabel("Search by email").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("fan-row")).toHaveCount(1);
  await expect(page.getByTestId("fan-row")).toContainText("Checkout");
  await expect(page.getByTestId("fan-row")).toContainText("Subscribed");
  await page.screenshot({ path: `${artifacts}/band-fans.png`, fullPage: true });
  const fans = await page.request.get((await page.getByTestId("fans-export").getAttribute("href"))!);
  expect(await fans.text()).toContain(`${email},checkout,`);

  // The fan's "shipped" mail is in the dev outbox with the carrier and the tracking link.
  await page.goto("/dev/mail");
  const shipped = mailTo(page, email, "has shipped");
  await expect(shipped).toContainText("Your order from The Demo Band has shipped");
  await expect(shipped).toContainText("6A12345678901");
  await expect(shipped.getByRole("link", { name: /laposte\.fr/ }).first()).toBeVisible();

  await expect(
    page.getByTestId("dev-mail").filter({ hasText: email }).filter({ hasText: "Your purchase from" }),
  ).toHaveCount(2);

  // The receipt carries an unsubscribe link: opening it changes nothing, the button does.
  const receipt = mailTo(page, email, "Your purchase from");
  const unsubscribe = (await receipt.textContent())!.match(/https?:\/\/\S+\/library\/unsubscribe\/[\w.-]+/)![0];
  await page.context().clearCookies();
  await page.goto(unsubscribe);
  await expect(page.getByText(`Stop news from The Demo Band to ${email}?`)).toBeVisible();
  const [fan] = await testDb().select().from(subscribers).where(eq(subscribers.email, email));
  expect(fan.unsubscribedAt).toBeNull();
  await page.screenshot({ path: `${artifacts}/unsubscribe-confirm.png`, fullPage: true });
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByText(`Done: The Demo Band will not send news to ${email} any more.`)).toBeVisible();
  const [after] = await testDb().select().from(subscribers).where(eq(subscribers.email, email));
  expect(after.unsubscribedAt).not.toBeNull();
});

test("someone outside the band gets 404 for its orders, slips, exports and fans", async ({ page }) => {
  // A band of its own with one paid order, made straight in the database (the demo band's figures stay as other tests expect).
  const owner = await seedUser();
  const slug = `private-${uniqueId()}`;
  const [band] = await testDb()
    .insert(artists)
    .values({ slug, name: `Private ${slug}` })
    .returning();
  await testDb().insert(artistMembers).values({ artistId: band.id, userId: owner.id, role: "owner" });
  const email = `secret-${uniqueId()}@example.test`;
  const [order] = await testDb()
    .insert(orders)
    .values({
      artistId: band.id,
      status: "paid",
      email,
      currency: "EUR",
      subtotal: 700,
      total: 700,
      provider: "test",
      paidAt: new Date(),
      expiresAt: new Date(),
    })
    .returning();
  await testDb().insert(subscribers).values({ artistId: band.id, email, source: "checkout" });

  const paths = [
    `/dashboard/${slug}/orders?show=shipped`,
    `/dashboard/${slug}/orders/${order.id}`,
    `/dashboard/${slug}/orders/${order.id}/packing-slip`,
    `/dashboard/${slug}/orders/export?kind=orders`,
    `/dashboard/${slug}/orders/export?kind=lines`,
    `/dashboard/${slug}/fans`,
    `/dashboard/${slug}/fans/export`,
  ];
  const stranger = await seedUser();
  await signInWithPassword(page, stranger.email, stranger.password);
  await expect(page).toHaveURL(/\/onboarding$/);
  for (const path of paths) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain(email);
  }
  // The owner sees them all (so the 404s above are about membership, not broken pages).
  await page.context().clearCookies();
  await signInWithPassword(page, owner.email, owner.password);
  await expect(page).toHaveURL(/\/dashboard/);
  for (const path of paths) expect((await page.request.get(path)).status(), path).toBe(200);
});
