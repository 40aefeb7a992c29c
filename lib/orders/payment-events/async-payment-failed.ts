import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { cancelOrder } from "@/lib/orders/cancel";
import { orderIdOf } from "@/lib/payments";

/** A delayed payment method failed: the order is canceled and its units go back on sale. */
export async function onAsyncPaymentFailed(tx: Tx, event: Stripe.CheckoutSessionAsyncPaymentFailedEvent, log: Logger) {
  const orderId = orderIdOf(event.data.object);
  if (!orderId) return;
  const { outcome } = await cancelOrder(tx, orderId, "failed");
  log.info({ orderId, outcome }, "delayed payment failed");
}
