import { and, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orders, productOptions, products, stockReservations } from "@/db/schema";
import { releaseOrderCredit } from "@/lib/credit";
import { releaseDiscountUse } from "@/lib/discounts";
import { logger } from "@/lib/log";

export type CancelReason = "expired" | "declined" | "failed";

/**
 * A checkout that will not be paid: the order is canceled, its held units go back on sale and
 * the discount code's use it claimed is given back, and so is the balance it set aside.
 * Only a pending order can be canceled, so a late "expired" event after a payment does nothing.
 */
export async function cancelOrder(
  db: DbOrTx,
  orderId: string,
  reason: CancelReason,
): Promise<{ outcome: "canceled" | "not_pending" }> {
  return db.transaction(async (tx) => {
    const [order] = await tx
      .update(orders)
      .set({ status: "canceled", canceledAt: new Date() })
      .where(and(eq(orders.id, orderId), eq(orders.status, "pending")))
      .returning({
        id: orders.id,
        discountCodeId: orders.discountCodeId,
        creditAmount: orders.creditAmount,
        currency: orders.currency,
      });
    if (!order) return { outcome: "not_pending" as const };
    await returnStock(tx, orderId, "held");
    if (order.discountCodeId) await releaseDiscountUse(tx, order.discountCodeId);
    if (order.creditAmount > 0) await releaseOrderCredit(tx, orderId, order.currency);
    logger.info({ orderId, reason }, "order canceled");
    return { outcome: "canceled" as const };
  });
}

/**
 * Puts reserved units back (held ones of a canceled checkout, or committed ones of a refunded,
 * unshipped order). Each reservation flips state first, so it is returned at most once.
 */
export async function returnStock(
  tx: DbOrTx,
  orderId: string,
  from: "held" | "committed",
  only?: (productId: string, optionId: string | null) => boolean,
) {
  const rows = await tx
    .select()
    .from(stockReservations)
    .where(and(eq(stockReservations.orderId, orderId), eq(stockReservations.status, from)));
  for (const row of rows) {
    if (only && !only(row.productId, row.optionId)) continue;
    const [flipped] = await tx
      .update(stockReservations)
      .set({ status: "released" })
      .where(and(eq(stockReservations.id, row.id), eq(stockReservations.status, from)))
      .returning({ id: stockReservations.id });
    if (!flipped) continue;
    // Unlimited stock (null) stays unlimited: null + n is null.
    if (row.optionId) {
      await tx
        .update(productOptions)
        .set({ stock: sql`${productOptions.stock} + ${row.quantity}` })
        .where(eq(productOptions.id, row.optionId));
    } else {
      await tx
        .update(products)
        .set({ stock: sql`${products.stock} + ${row.quantity}` })
        .where(eq(products.id, row.productId));
    }
  }
}

/**
 * Checkouts nobody finished. Stripe tells us through checkout.session.expired; this sweep covers
 * the test provider and any lost event. `graceMs` leaves room for a payment being confirmed.
 */
export async function expireStaleOrders(db: DbOrTx, now = new Date(), graceMs = 5 * 60_000): Promise<number> {
  const stale = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "pending"), lt(orders.expiresAt, new Date(now.getTime() - graceMs))))
    .limit(500);
  let count = 0;
  for (const { id } of stale) if ((await cancelOrder(db, id, "expired")).outcome === "canceled") count++;
  return count;
}
