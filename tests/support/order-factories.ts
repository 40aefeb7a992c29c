import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { artists, orderItems, orders, products, stockReservations } from "@/db/schema";
import { makeShop } from "./orders";

const SHIPPING = 400;

/**
 * A fan midway through Stripe Checkout: a shop whose band has connected its payout account, and
 * a pending order for the album plus `cds` CDs, with the CDs already taken off the shelf and held.
 * Built straight in the database, as startCheckout leaves it once the session is open.
 */
export async function makePendingStripeOrder(db: Db, options: { cds?: number; cdStock?: number; email?: string } = {}) {
  const shop = await makeShop(db, { cdStock: options.cdStock ?? 10 });
  const cds = options.cds ?? 1;
  const accountId = `acct_test_${randomBytes(6).toString("hex")}`;
  await db
    .update(artists)
    .set({ payoutAccountId: accountId, payoutStatus: "active" })
    .where(eq(artists.id, shop.artist.id));

  const subtotal = shop.album.priceAmount! + shop.cd.priceAmount * cds;
  const sessionId = `cs_test_${randomBytes(12).toString("hex")}`;
  const [order] = await db
    .insert(orders)
    .values({
      artistId: shop.artist.id,
      email: options.email ?? `fan-${randomBytes(3).toString("hex")}@example.test`,
      currency: "EUR",
      subtotal,
      shipping: cds > 0 ? SHIPPING : 0,
      total: subtotal + (cds > 0 ? SHIPPING : 0),
      platformFee: Math.round(subtotal * 0.1),
      provider: "stripe",
      providerSessionId: sessionId,
      destinationAccountId: accountId,
      needsShipping: cds > 0,
      buyerCountry: "FR",
      expiresAt: new Date(Date.now() + 31 * 60_000),
    })
    .returning();
  await db.insert(orderItems).values([
    {
      orderId: order.id,
      kind: "release",
      releaseId: shop.album.id,
      title: shop.album.title,
      unitAmount: shop.album.priceAmount!,
      currency: "EUR",
    },
    ...(cds > 0
      ? [
          {
            orderId: order.id,
            kind: "product" as const,
            productId: shop.cd.id,
            title: shop.cd.title,
            quantity: cds,
            unitAmount: shop.cd.priceAmount,
            currency: "EUR",
          },
        ]
      : []),
  ]);
  if (cds > 0) {
    await db
      .update(products)
      .set({ stock: sql`${products.stock} - ${cds}` })
      .where(eq(products.id, shop.cd.id));
    await db.insert(stockReservations).values({ orderId: order.id, productId: shop.cd.id, quantity: cds });
  }
  return { ...shop, order, sessionId, accountId };
}

export async function cdStock(db: Db, productId: string) {
  const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return row.stock;
}
