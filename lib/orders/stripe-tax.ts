import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orderItems, orders, type Order } from "@/db/schema";
import { allocate } from "@/lib/vat";

/**
 * Stripe Tax computed the VAT included in the prices (STRIPE_TAX=1): its figure replaces the
 * table's estimate. Stripe reports one amount for the session, so it is split between the
 * platform and the band as the table split it (all the platform's when the table found none:
 * the platform is the merchant Stripe Tax computes for), then over each party's lines by what
 * they cost. The application fee was fixed when the session opened and stays as it was.
 */
export async function recordStripeTax(tx: DbOrTx, order: Order, amount: number): Promise<Partial<Order>> {
  const items = await tx.select().from(orderItems).where(eq(orderItems.orderId, order.id));
  const estimated = order.vatPlatform + order.vatSeller;
  const [platform, seller] = estimated > 0 ? allocate(amount, [order.vatPlatform, order.vatSeller]) : [amount, 0];
  const gross = (item: (typeof items)[number]) => item.grossAmount ?? item.unitAmount * item.quantity;
  const platformItems = items.filter((item) =>
    estimated > 0 ? item.vatLiability === "platform" : item.kind !== "product",
  );
  const sellerItems = items.filter((item) => item.vatLiability === "seller");
  const platformParts = allocate(platform, platformItems.map(gross));
  // The band's VAT also covers the shipping: the goods take their share, the rest is the shipping's.
  const sellerParts = allocate(seller, [...sellerItems.map(gross), order.shipping]);
  for (const [i, item] of platformItems.entries())
    await tx
      .update(orderItems)
      .set({ vatAmount: platformParts[i], vatLiability: platformParts[i] > 0 ? "platform" : item.vatLiability })
      .where(eq(orderItems.id, item.id));
  for (const [i, item] of sellerItems.entries())
    await tx.update(orderItems).set({ vatAmount: sellerParts[i] }).where(eq(orderItems.id, item.id));
  const changes = { tax: amount, vatPlatform: platform, vatSeller: seller, taxSource: "stripe" as const };
  await tx.update(orders).set(changes).where(eq(orders.id, order.id));
  return changes;
}
