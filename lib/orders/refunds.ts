import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orderItems, orders } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { refundOrderCredit, reverseCreditPayout } from "@/lib/credit";
import { issueCreditNote } from "@/lib/documents";
import { logger } from "@/lib/log";
import { paymentProvider } from "@/lib/payments";
import { returnStock } from "./cancel";
import { revokeOrderGrants } from "./download-grants";

export type RefundOutcome = { outcome: "updated" | "unchanged" | "not_found" };

/**
 * Records how much of an order has been refunded in all. Providers report a cumulative figure
 * (Stripe's charge.amount_refunded), so replays and out-of-order events are harmless: the total
 * only ever grows. A full refund closes the downloads and puts unshipped units back on sale.
 * `card`: the figure is the card's alone (Stripe's charge), to which what went back to the fan's
 * balance is added.
 */
export async function recordRefundTotal(
  db: DbOrTx,
  orderId: string,
  refundedTotal: number,
  options: { card?: boolean } = {},
): Promise<RefundOutcome> {
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).limit(1).for("update");
    if (!order) return { outcome: "not_found" as const };
    const amount = Math.min(refundedTotal + (options.card ? order.creditRefunded : 0), order.total);
    if (amount <= order.refundedAmount || !["paid", "partially_refunded"].includes(order.status))
      return { outcome: "unchanged" as const };
    const full = amount >= order.total;
    await tx
      .update(orders)
      .set({ refundedAmount: amount, status: full ? "refunded" : "partially_refunded" })
      .where(eq(orders.id, orderId));
    await issueCreditNote(tx, orderId, amount - order.refundedAmount);
    if (full) {
      await revokeOrderGrants(tx, orderId);
      const shipped = await tx
        .select({ productId: orderItems.productId, optionId: orderItems.optionId })
        .from(orderItems)
        .where(and(eq(orderItems.orderId, orderId), isNotNull(orderItems.shippedAt)));
      await returnStock(
        tx,
        orderId,
        "committed",
        (productId, optionId) => !shipped.some((s) => s.productId === productId && s.optionId === optionId),
      );
    }
    logger.info({ orderId, refunded: amount, full }, "refund recorded");
    return { outcome: "updated" as const };
  });
}

export type RefundError = "not_found" | "not_refundable" | "amount_invalid" | "provider_mismatch" | "provider_failed";

/**
 * A refund from the band's dashboard or the operator's console. What the fan's balance paid goes
 * back to it first (the balances it came from, and the band's credit payout is reversed for it);
 * the rest goes back to the card: the provider moves that money first, then the order records it, with an "order.refund" audit entry in the same transaction.
 * `artistId` comes from the caller's checked membership, never from the form; null is only for
 * an operator (requireOperator), who may refund any band's order.
 */
export async function refundOrder(
  db: DbOrTx,
  input: { artistId: string | null; orderId: string; amount: number; actor: Actor; reason?: string | null },
): Promise<{ ok: true } | { ok: false; error: RefundError }> {
  const [order] = await db
    .select()
    .from(orders)
    .where(
      input.artistId === null
        ? eq(orders.id, input.orderId)
        : and(eq(orders.id, input.orderId), eq(orders.artistId, input.artistId)),
    )
    .limit(1);
  if (!order) return { ok: false, error: "not_found" };
  if (!["paid", "partially_refunded"].includes(order.status) || order.provider === "free" || !order.providerPaymentId) {
    return { ok: false, error: "not_refundable" };
  }
  const left = order.total - order.refundedAmount;
  if (!Number.isInteger(input.amount) || input.amount <= 0 || input.amount > left)
    return { ok: false, error: "amount_invalid" };
  const creditPart = Math.min(input.amount, order.creditAmount - order.creditRefunded);
  const cardPart = input.amount - creditPart;
  if (cardPart > 0) {
    const provider = paymentProvider(db);
    if (provider.name !== order.provider) return { ok: false, error: "provider_mismatch" };
    try {
      await provider.refund({
        orderId: order.id,
        paymentId: order.providerPaymentId,
        amount: cardPart,
        currency: order.currency,
        refundedTotal: order.refundedAmount - order.creditRefunded + cardPart,
      });
    } catch (error) {
      logger.error({ err: error, orderId: order.id }, "refund failed at the payment provider");
      return { ok: false, error: "provider_failed" };
    }
  }
  const applied = await db.transaction(async (tx) => {
    // A second click that read the same figures: the first one's refund stands (the provider's
    // idempotency key made its card refund one), this one records nothing more.
    const [now] = await tx.select().from(orders).where(eq(orders.id, order.id)).limit(1).for("update");
    if (now.refundedAmount !== order.refundedAmount) return null;
    await recordRefundTotal(tx, order.id, order.refundedAmount + input.amount);
    if (creditPart > 0) {
      await refundOrderCredit(tx, order.id, order.currency, creditPart);
      await tx
        .update(orders)
        .set({ creditRefunded: sql`${orders.creditRefunded} + ${creditPart}` })
        .where(eq(orders.id, order.id));
    }
    await recordAudit(tx, {
      artistId: order.artistId,
      actor: input.actor,
      action: "order.refund",
      target: { type: "order", id: order.id },
      reason: input.reason?.trim() || null,
      details: {
        amount: input.amount,
        currency: order.currency,
        refundedTotal: order.refundedAmount + input.amount,
        ...(creditPart > 0 && { toBalance: creditPart }),
      },
    });
    const [after] = await tx.select().from(orders).where(eq(orders.id, order.id));
    return after;
  });
  if (applied && creditPart > 0) {
    try {
      await reverseCreditPayout(db, applied, creditPart);
    } catch (error) {
      // The fan has the refund; the band's payout still shows the reversal as due (reversedAmount).
      logger.error({ err: error, orderId: order.id }, "reversing the band's credit payout failed");
    }
  }
  return { ok: true };
}
