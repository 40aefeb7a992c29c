import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { orders } from "@/db/schema";
import { move } from "@/lib/credit";
import { LIBRARY_COOKIE, sealLibrarySession } from "@/lib/library";
import { seedCheapTracks } from "./credit-steps";
import { artifacts, testDb, uniqueId } from "./helpers";

test("a fan signed into the library buys two tracks of one band from their balance alone", async ({
  page,
  context,
  baseURL,
}) => {
  const { artist, release } = await seedCheapTracks();
  const email = `fan-${uniqueId()}@example.test`;
  await move(
    testDb(),
    "issue",
    { kind: "issued", currency: "EUR" },
    { kind: "fan", email, currency: "EUR", scope: { type: "platform" } },
    500,
  );
  await context.addCookies([{ name: LIBRARY_COOKIE, value: sealLibrarySession(email).value, url: baseURL! }]);

  await page.goto("/library");
  await expect(page.getByTestId("library-balance")).toHaveText("€5.00 at any band");

  for (const title of ["Ten Cents", "Thirty Cents"]) {
    await page.goto(`/${artist.slug}/${release.slug}`);
    await page
      .getByTestId("single-track")
      .filter({ hasText: title })
      .getByRole("button", { name: "Add to cart" })
      .click();
    await expect(page).toHaveURL(new RegExp(`/${artist.slug}/cart$`));
  }
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByTestId("cart-total")).toHaveText("€0.40");
  await expect(page.getByTestId("cart-credit")).toHaveText("From your balance: €0.40 · To pay by card: €0.00");
  await expect(page.getByTestId("card-minimum")).toHaveCount(0);
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.screenshot({ path: `${artifacts}/credit-cart.png`, fullPage: true });
  await page.getByRole("button", { name: "Pay with my balance" }).click();

  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  const [order] = await testDb().select().from(orders).where(eq(orders.artistId, artist.id));
  expect(order).toMatchObject({ status: "paid", provider: "credit", total: 40, creditAmount: 40, email });

  await page.goto("/library");
  await expect(page.getByTestId("library-balance")).toHaveText("€4.60 at any band");
  // One purchase, both tracks.
  const entry = page.getByTestId("library-entry").filter({ hasText: artist.name });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("+ 1 more");
  await page.screenshot({ path: `${artifacts}/credit-library.png`, fullPage: true });
});

test("a fan whose balance covers part of the cart sees what the card pays", async ({ page, context, baseURL }) => {
  const { artist, release } = await seedCheapTracks();
  const email = `fan-${uniqueId()}@example.test`;
  await move(
    testDb(),
    "issue",
    { kind: "issued", currency: "EUR" },
    { kind: "fan", email, currency: "EUR", scope: { type: "platform" } },
    120,
  );
  await context.addCookies([{ name: LIBRARY_COOKIE, value: sealLibrarySession(email).value, url: baseURL! }]);
  await page.goto(`/${artist.slug}/${release.slug}`);
  await page.getByTestId("buy-panel").getByRole("button", { name: "Buy now" }).first().click();
  await expect(page.getByTestId("cart-total")).toHaveText("€3.00");
  await expect(page.getByTestId("cart-credit")).toHaveText("From your balance: €1.20 · To pay by card: €1.80");
  await expect(page.getByRole("button", { name: "Checkout · €1.80" })).toBeEnabled();
  await page.screenshot({ path: `${artifacts}/credit-cart-mixed.png`, fullPage: true });
  await page.getByRole("button", { name: "Checkout · €1.80" }).click();
  await expect(page.getByTestId("test-payment-page")).toBeVisible();
  await expect(page.getByTestId("test-order-lines")).toContainText("Paid from your balance");
  await page.screenshot({ path: `${artifacts}/credit-test-payment.png`, fullPage: true });
});
