import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Logger } from "pino";
import type { Tx } from "../../../db/client";
import { orders } from "../../../db/schema";
import { recordRefundTotal } from "../../orders";

/**
 * A refund went through (from our dashboard or Stripe's). amount_refunded is the charge's running
 * total, so events applied twice or out of order leave the same result: it never goes down.
 */
export async function onChargeRefunded(tx: Tx, event: Stripe.ChargeRefundedEvent, log: Logger) {
  const charge = event.data.object;
  const paymentId = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  if (!paymentId) return;
  const [order] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.providerPaymentId, paymentId)).limit(1);
  if (!order) {
    log.warn({ paymentId, chargeId: charge.id }, "refund for a payment we have no order for: ignored");
    return;
  }
  await recordRefundTotal(tx, order.id, charge.amount_refunded);
  log.info({ orderId: order.id, refunded: charge.amount_refunded }, "refund recorded");
}
