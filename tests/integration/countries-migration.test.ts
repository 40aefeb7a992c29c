import { readFile } from "node:fs/promises";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { artists, carts, orderItems, orders, plays, shippingRates } from "@/db/schema";
import { byCountry, parsePeriod } from "@/lib/stats";
import { unique, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();

/** The committed migration, run again over rows written with the codes the old pickers offered. */
async function migrateCountryCodes() {
  const file = await readFile("db/migrations/0014_current_country_codes.sql", "utf8");
  for (const statement of file.split("--> statement-breakpoint")) await db.execute(sql.raw(statement));
}

describe("country codes stored before the current ISO list", () => {
  it("become the country the fan or band saw, everywhere, and the country figures move with them", async () => {
    const shop = await makeShop(db);
    await db.update(artists).set({ country: "UK" }).where(eq(artists.id, shop.artist.id));
    const [cart] = await db
      .insert(carts)
      .values({ tokenHash: unique("cart"), artistId: shop.artist.id, country: "DD" })
      .returning();
    const [rate] = await db
      .insert(shippingRates)
      .values({
        artistId: shop.artist.id,
        zone: "custom",
        label: "Balkans",
        countries: ["YU", "HR", "RS", "CS", "FX"],
        firstItem: 900,
        eachExtra: 100,
        currency: "EUR",
      })
      .returning();
    const order = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(orders)
        .values({
          artistId: shop.artist.id,
          status: "paid",
          currency: "EUR",
          subtotal: 1200,
          total: 1200,
          platformFee: 120,
          provider: "test",
          expiresAt: new Date(),
          paidAt: new Date("2026-03-10T12:00:00Z"),
          buyerCountry: "DD",
          shippingAddress: { name: "K", line1: "Allee 1", postalCode: "10115", city: "Berlin", country: "DD" },
        })
        .returning();
      await tx.insert(orderItems).values({
        orderId: row.id,
        kind: "product",
        productId: shop.cd.id,
        title: "CD",
        currency: "EUR",
        unitAmount: 1200,
      });
      return row;
    });
    await db.insert(plays).values({
      artistId: shop.artist.id,
      trackId: shop.tracks[0].id,
      releaseId: shop.album.id,
      playedAt: new Date("2026-03-11T12:00:00Z"),
      secondsListened: 30,
      outcome: "complete",
      country: "SU",
    });
    const period = parsePeriod({ period: "custom", from: "2026-03-01", to: "2026-03-31" }, new Date(), "UTC");
    if (!period.ok) throw new Error(period.error);
    const countries = async () =>
      Object.fromEntries((await byCountry(db, shop.artist.id, period.period)).map((r) => [r.key, [r.orders, r.plays]]));
    expect(await countries()).toEqual({ DD: [1, 0], SU: [0, 1] });

    await migrateCountryCodes();

    expect((await db.select().from(artists).where(eq(artists.id, shop.artist.id)))[0].country).toBe("GB");
    expect((await db.select().from(carts).where(eq(carts.id, cart.id)))[0].country).toBe("DE");
    expect((await db.select().from(shippingRates).where(eq(shippingRates.id, rate.id)))[0].countries).toEqual([
      "RS",
      "HR",
      "FR",
    ]);
    const [after] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect([after.buyerCountry, after.shippingAddress?.country, after.shippingAddress?.city]).toEqual([
      "DE",
      "DE",
      "Berlin",
    ]);
    expect((await db.select().from(plays).where(eq(plays.artistId, shop.artist.id)))[0].country).toBe("RU");
    const moved = await countries();
    expect([moved.DE, moved.RU, moved.DD ?? [0, 0], moved.SU ?? [0, 0]]).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
      [0, 0],
    ]);
  });
});
