import { expect, test } from "@playwright/test";
import { artistMembers, artists, discountCodes, downloadCodeBatches, orders, products, releases } from "@/db/schema";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

/** A band with one of everything a dashboard page is about, built straight in the database. */
async function bandWithOneOfEverything() {
  const db = testDb();
  const owner = await seedUser();
  const id = uniqueId();
  const [band] = await db
    .insert(artists)
    .values({ slug: `tab-band-${id}`, name: `Tab Band ${id}`, country: "FR" })
    .returning();
  await db.insert(artistMembers).values({ artistId: band.id, userId: owner.id, role: "owner" });
  const [release] = await db
    .insert(releases)
    .values({ artistId: band.id, slug: "open-tabs", title: "Open Tabs" })
    .returning();
  const [product] = await db
    .insert(products)
    .values({ artistId: band.id, kind: "shirt", title: "Tour Shirt", priceAmount: 2000, currency: "EUR" })
    .returning();
  const [order] = await db
    .insert(orders)
    .values({
      artistId: band.id,
      status: "paid",
      email: `tab-fan-${id}@example.test`,
      currency: "EUR",
      subtotal: 700,
      total: 700,
      provider: "test",
      providerSessionId: `test_${id}`,
      expiresAt: new Date(),
      paidAt: new Date(),
    })
    .returning();
  const [batch] = await db
    .insert(downloadCodeBatches)
    .values({ artistId: band.id, releaseId: release.id, label: "Spring tour", count: 0 })
    .returning();
  const [discount] = await db
    .insert(discountCodes)
    .values({ artistId: band.id, code: "TABS10", kind: "percent", amount: 10 })
    .returning();
  return { owner, band, release, product, order, batch, discount };
}

test("every dashboard page has its own browser-tab title naming the page and the band, in English and in French", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { owner, band, release, product, order, batch, discount } = await bandWithOneOfEverything();
  await signInWithPassword(page, owner.email, owner.password);
  await expect(page).not.toHaveURL(/\/signin/);

  const paths = [
    "",
    "/releases",
    "/releases/new",
    `/releases/${release.id}`,
    "/merch",
    "/merch/new",
    `/merch/${product.id}`,
    "/shipping",
    "/orders",
    `/orders/${order.id}`,
    `/orders/${order.id}/packing-slip`,
    "/fans",
    "/payouts",
    "/plan",
    "/codes",
    `/codes/${batch.id}`,
    `/codes/${batch.id}/print`,
    "/discounts",
    `/discounts/${discount.id}`,
    "/settings",
    "/members",
    "/embed",
  ];
  const titles = async () => {
    const seen: Record<string, string> = {};
    for (const path of paths) {
      const response = await page.goto(`/dashboard/${band.slug}${path}`);
      expect(response?.status(), path).toBe(200);
      seen[path] = await page.title();
    }
    return seen;
  };

  const en = await titles();
  const suffix = ` · ${band.name} · Merchtable`;
  for (const [path, title] of Object.entries(en)) {
    expect(title, path).toMatch(new RegExp(`^.+${suffix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    expect(title, path).not.toContain("the merch table for independent bands");
  }
  expect(new Set(Object.values(en)).size).toBe(paths.length);
  expect(en[""]).toBe(`Overview${suffix}`);
  expect(en["/orders"]).toBe(`Orders${suffix}`);
  expect(en[`/orders/${order.id}`]).toBe(`Order ${order.id.slice(0, 8)}${suffix}`);
  expect(en[`/releases/${release.id}`]).toBe(`Open Tabs · Releases${suffix}`);
  expect(en[`/merch/${product.id}`]).toBe(`Tour Shirt · Merch${suffix}`);
  expect(en[`/discounts/${discount.id}`]).toBe(`TABS10 · Discount codes${suffix}`);
  expect(en[`/codes/${batch.id}`]).toBe(`Spring tour · Download codes${suffix}`);

  await page.goto(`/dashboard/${band.slug}/orders`);
  await page.getByTestId("locale-switcher").selectOption("fr");
  await expect(page).toHaveTitle(`Commandes${suffix}`);
  const fr = await titles();
  expect(new Set(Object.values(fr)).size).toBe(paths.length);
  expect(fr["/settings"]).toBe(`Profil${suffix}`);
  expect(fr[`/releases/${release.id}`]).toBe(`Open Tabs · Sorties${suffix}`);
  await page.screenshot({ path: `${artifacts}/tab-titles-fr.png` });
});
