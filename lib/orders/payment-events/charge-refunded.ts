import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { orders } from "@/db/schema";
import { recordRefundTotal } from "@/lib/orders/refunds";

/**
 * The order a charge paid for: by its PaymentIntent once fulfilment stored it, else by the order
 * id Stripe copied from the PaymentIntent's metadata onto the charge (set by checkoutParams).
 */
async function orderOfCharge(tx: Tx, charge: Stripe.Charge, paymentId: string) {
  const [byPayment] = await tx
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(eq(orders.providerPaymentId, paymentId))
    .limit(1);
  if (byPayment || !charge.metadata?.orderId) return byPayment;
  const [byMetadata] = await tx
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(eq(orders.id, charge.metadata.orderId))
    .limit(1);
  return byMetadata;
}

/**
 * A refund went through (from our dashboard or Stripe's). amount_refunded is the charge's running
 * total, so events applied twice or out of order leave the same result: it never goes down.
 * A refund can outrun the payment it refunds (checkout.session.completed failed and waits for its
 * retry): it is then refused with an error, so it is not recorded and Stripe redelivers it after
 * the payment has been applied, instead of being lost and leaving a refunded fan with downloads.
 */
export async function onChargeRefunded(tx: Tx, event: Stripe.ChargeRefundedEvent, log: Logger) {
  const charge = event.data.object;
  const paymentId = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  if (!paymentId) return;
  const order = await orderOfCharge(tx, charge, paymentId);
  if (!order) {
    log.warn({ paymentId, chargeId: charge.id }, "refund for a payment we have no order for: ignored");
    return;
  }
  if (order.status === "pending") {
    throw new Error(
      `Refund of ${paymentId} arrived before order ${order.id} was paid; it will be applied on Stripe's retry.`,
    );
  }
  const { outcome } = await recordRefundTotal(tx, order.id, charge.amount_refunded, { card: true });
  log.info({ orderId: order.id, refunded: charge.amount_refunded, outcome }, "refund recorded");
}
