import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { cancelOrder } from "@/lib/orders/cancel";
import { orderIdOf } from "@/lib/payments";

/**
 * Nobody paid within the session's lifetime: the held units go back on sale. A late delivery
 * after the order was paid finds it no longer pending and changes nothing.
 */
export async function onCheckoutExpired(tx: Tx, event: Stripe.CheckoutSessionExpiredEvent, log: Logger) {
  const orderId = orderIdOf(event.data.object);
  if (!orderId) return;
  const { outcome } = await cancelOrder(tx, orderId, "expired");
  log.info({ orderId, outcome }, "checkout session expired");
}
