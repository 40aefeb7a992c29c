import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artists, orders, releases, tracks } from "@/db/schema";
import { move } from "@/lib/credit";
import { LIBRARY_COOKIE, sealLibrarySession } from "@/lib/library";
import { artifacts, testDb, uniqueId } from "./helpers";

/** A band selling two tracks below the card minimum (0.10 and 0.30), built straight in the database. */
async function seedCheapTracks() {
  const db = testDb();
  const slug = `cheap-${uniqueId()}`;
  const [artist] = await db
    .insert(artists)
    .values({ slug, name: `Cheap Band ${slug}`, currency: "EUR", country: "FR" })
    .returning();
  const [release] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "pennies",
      title: "Pennies",
      status: "published",
      publishedAt: new Date(),
      pricingMode: "fixed",
      priceAmount: 300,
      currency: "EUR",
    })
    .returning();
  await db.insert(tracks).values(
    [
      { title: "Ten Cents", price: 10 },
      { title: "Thirty Cents", price: 30 },
    ].map(({ title, price }, i) => ({
      releaseId: release.id,
      artistId: artist.id,
      position: i + 1,
      title,
      masterKey: `masters/${uniqueId()}.flac`,
      status: "ready" as const,
      pricingMode: "fixed" as const,
      priceAmount: price,
    })),
  );
  return { artist, release };
}

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
  await expect(page.getByTestId("balance-line")).toHaveText("€5.00 to spend at any band");

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
  await expect(page.getByTestId("balance-line")).toHaveText("€4.60 to spend at any band");
  // One purchase, both tracks.
  const entry = page.getByTestId("library-entry").filter({ hasText: artist.name });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("+ 1 more");
  await page.screenshot({ path: `${artifacts}/credit-library.png`, fullPage: true });
});
