import { expect, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { artistMembers, artists, downloadCodeBatches, orders, products, releases } from "@/db/schema";
import { seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

/**
 * A member of another band, signed in, asks for every dashboard page, export and print view of the
 * demo band — by its slug, and by its ids under their own band's slug. Each answer is the same 404
 * as for something that does not exist, and none of the demo band's data shows.
 */
test("another band's member gets a 404 for every dashboard route of the demo band, and sees none of its data", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const db = testDb();
  const [demo] = await db.select().from(artists).where(eq(artists.slug, "demo-band"));
  const [album] = await db
    .select()
    .from(releases)
    .where(and(eq(releases.artistId, demo.id), eq(releases.slug, "first-light")));
  const [cd] = await db.select().from(products).where(eq(products.artistId, demo.id));
  const [order] = await db
    .insert(orders)
    .values({
      artistId: demo.id,
      status: "paid",
      email: `secret-fan-${uniqueId()}@example.test`,
      currency: "EUR",
      subtotal: 700,
      total: 700,
      provider: "test",
      providerSessionId: `test_${uniqueId()}`,
      expiresAt: new Date(),
      paidAt: new Date(),
    })
    .returning();
  const [batch] = await db
    .insert(downloadCodeBatches)
    .values({ artistId: demo.id, releaseId: album.id, label: "Secret tour batch", count: 0 })
    .returning();

  const intruder = await seedUser();
  const [own] = await db
    .insert(artists)
    .values({ slug: `intruders-${uniqueId()}`, name: "The Intruders" })
    .returning();
  await db.insert(artistMembers).values({ artistId: own.id, userId: intruder.id, role: "owner" });
  await signInWithPassword(page, intruder.email, intruder.password);
  await expect(page).not.toHaveURL(/\/signin/);

  const sections = [
    "",
    "/releases",
    "/releases/new",
    "/merch",
    "/merch/new",
    "/shipping",
    "/orders",
    "/orders?show=to-ship",
    "/orders/export?kind=orders",
    "/orders/export?kind=lines",
    "/orders/export?kind=bogus",
    "/payouts",
    "/settings",
    "/members",
    "/embed",
    "/fans",
    "/fans/export",
    "/codes",
    "/discounts",
  ];
  const byId = [
    `/releases/${album.id}`,
    `/merch/${cd.id}`,
    `/orders/${order.id}`,
    `/orders/${order.id}/packing-slip`,
    `/codes/${batch.id}`,
    `/codes/${batch.id}/print`,
    `/codes/${batch.id}/csv`,
  ];
  const asked = [...sections, ...byId]
    .map((path) => `/dashboard/demo-band${path}`)
    .concat(byId.map((path) => `/dashboard/${own.slug}${path}`));

  for (const path of asked) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    const body = await response.text();
    for (const secret of [order.email!, "Secret tour batch", "First Light (CD)", demo.name])
      expect(body.includes(secret), `${path} shows ${secret}`).toBe(false);
  }
  // Their own dashboard still works, so the 404s above are about the band, not the session.
  expect((await page.request.get(`/dashboard/${own.slug}/orders`)).status()).toBe(200);
});
