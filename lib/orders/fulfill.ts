import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { cartItems, orderItems, orders, products, stockReservations, subscribers, type Order } from "@/db/schema";
import { createCreditPayout, spendOrderCredit } from "@/lib/credit";
import { seal } from "@/lib/crypto";
import { issueReceipt } from "@/lib/documents";
import { logger } from "@/lib/log";
import type { PaymentConfirmation } from "@/lib/payments";
import { withCardCountry } from "@/lib/vat";
import { createDownloadGrant, DOWNLOAD_TOKEN_PURPOSE, type GrantItem } from "./download-grants";
import { scheduleGift } from "./gift-delivery";
import { giftGrantEmail } from "./gift-page";
import { queueOrderEmails } from "./receipt";
import { recordStripeTax } from "./stripe-tax";

export type FulfillResult =
  | { outcome: "fulfilled" | "already_paid"; order: Order }
  | { outcome: "not_payable"; reason: "not_found" | "canceled" };

export { DOWNLOAD_TOKEN_PURPOSE } from "./download-grants";

/**
 * The one place an order becomes paid. Safe to call any number of times, concurrently, from the
 * webhook and the success page: the conditional UPDATE lets exactly one caller through, and that
 * caller commits the reserved stock, opens the downloads and queues the mail in the same
 * transaction. Pass a transaction to make it part of a larger one (the webhook records the
 * provider's event id alongside).
 */
export async function fulfillOrder(
  db: DbOrTx,
  orderId: string,
  confirmation: PaymentConfirmation,
): Promise<FulfillResult> {
  return db.transaction(async (tx) => {
    const current = await tx.select().from(orders).where(eq(orders.id, orderId)).limit(1);
    if (!current[0]) return { outcome: "not_payable", reason: "not_found" };
    const email = confirmation.email?.trim().toLowerCase() || current[0].email;
    // The country decided at checkout stands (its VAT was charged); the card's joins the evidence,
    // and stands in for the country only when none was known.
    const cardCountry = confirmation.country && /^[A-Z]{2}$/.test(confirmation.country) ? confirmation.country : null;
    const buyerCountry = current[0].buyerCountry ?? (current[0].needsShipping ? null : cardCountry);
    const evidence = withCardCountry(
      // Orders opened before evidence was kept: their country is all there is.
      current[0].countryEvidence ?? {
        ip: null,
        declared: current[0].buyerCountry,
        basis: current[0].buyerCountry ? "declared" : "none",
      },
      buyerCountry,
      cardCountry,
    );
    const [order] = await tx
      .update(orders)
      .set({
        status: "paid",
        paidAt: new Date(),
        providerPaymentId: confirmation.paymentId,
        email,
        ...(confirmation.shippingAddress ? { shippingAddress: confirmation.shippingAddress } : {}),
        buyerCountry,
        countryEvidence: evidence,
        // The provider charged the card part; the balance paid the rest.
        ...(confirmation.total !== undefined ? { total: confirmation.total + current[0].creditAmount } : {}),
      })
      .where(and(eq(orders.id, orderId), eq(orders.status, "pending")))
      .returning();
    if (order && confirmation.tax !== undefined)
      Object.assign(order, await recordStripeTax(tx, order, confirmation.tax));
    if (!order) {
      const [now] = await tx.select().from(orders).where(eq(orders.id, orderId)).limit(1);
      if (now.status === "canceled") {
        // Money arrived for an order whose hold had lapsed: someone must look at it (refund or ship).
        logger.error(
          { orderId, paymentId: confirmation.paymentId },
          "payment confirmed for a canceled order; review and refund it",
        );
        return { outcome: "not_payable", reason: "canceled" };
      }
      return { outcome: "already_paid", order: now };
    }

    await tx
      .update(stockReservations)
      .set({ status: "committed" })
      .where(and(eq(stockReservations.orderId, order.id), eq(stockReservations.status, "held")));
    if (order.creditAmount > 0) {
      // The balance set aside at checkout is spent at the band, and the band is owed its share.
      await spendOrderCredit(tx, order.id, order.currency, order.creditAmount);
      await createCreditPayout(tx, order);
    }
    await issueReceipt(tx, order.id);

    const items = await tx.select().from(orderItems).where(eq(orderItems.orderId, order.id));
    const grantItems = await grantedItems(tx, items);
    let downloadUrl: string | null = null;
    // A gift's downloads belong to its recipient, and its link reaches them on the day (./gift-delivery.ts).
    const grantEmail = giftGrantEmail(order);
    if (grantItems.length && grantEmail) {
      const grant = await createDownloadGrant(tx, {
        artistId: order.artistId,
        orderId: order.id,
        email: grantEmail,
        items: grantItems,
      });
      downloadUrl = order.gift ? null : grant.url;
      await tx
        .update(orders)
        .set({ downloadTokenSealed: seal(DOWNLOAD_TOKEN_PURPOSE, grant.token) })
        .where(eq(orders.id, order.id));
    }
    if (order.subscribe && order.email) {
      await tx
        .insert(subscribers)
        .values({
          artistId: order.artistId,
          email: order.email,
          source: order.total === 0 ? "free_download" : "checkout",
        })
        .onConflictDoUpdate({
          target: [subscribers.artistId, subscribers.email],
          set: { unsubscribedAt: null, consentAt: new Date() },
        });
    }
    if (order.cartId) await tx.delete(cartItems).where(eq(cartItems.cartId, order.cartId));
    await queueOrderEmails(tx, order, items, downloadUrl);
    if (order.gift) await scheduleGift(tx, order);
    return { outcome: "fulfilled", order };
  });
}

/** Releases and tracks a paid order opens: what was bought digitally, plus albums that come with a CD. */
async function grantedItems(tx: DbOrTx, items: (typeof orderItems.$inferSelect)[]): Promise<GrantItem[]> {
  const grants: GrantItem[] = [];
  const add = (item: GrantItem) => {
    if (!grants.some((g) => g.releaseId === item.releaseId && (g.trackId === null || g.trackId === item.trackId)))
      grants.push(item);
  };
  for (const item of items)
    if (item.kind === "release" && item.releaseId) add({ releaseId: item.releaseId, trackId: null });
  const productIds = items.filter((i) => i.kind === "product" && i.productId).map((i) => i.productId!);
  if (productIds.length) {
    for (const p of await tx
      .select({ releaseId: products.releaseId })
      .from(products)
      .where(inArray(products.id, productIds))) {
      if (p.releaseId) add({ releaseId: p.releaseId, trackId: null });
    }
  }
  for (const item of items)
    if (item.kind === "track" && item.releaseId && item.trackId)
      add({ releaseId: item.releaseId, trackId: item.trackId });
  return grants;
}
