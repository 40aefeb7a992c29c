import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { fulfillOrder } from "@/lib/orders/fulfill";
import { confirmationOf, orderIdOf } from "@/lib/payments";

/**
 * The money for a session is in: hand it to the one fulfilment function. An order that can no
 * longer be paid (canceled while the fan was paying) is logged by fulfillOrder for a person to
 * refund; it is not an error here, since retrying the event would change nothing.
 */
export async function fulfillSession(tx: Tx, session: Stripe.Checkout.Session, log: Logger) {
  const orderId = orderIdOf(session);
  if (!orderId) {
    log.warn({ sessionId: session.id }, "checkout session without an order id: not ours, ignored");
    return;
  }
  const result = await fulfillOrder(tx, orderId, confirmationOf(session));
  if (result.outcome === "not_payable") {
    log.warn(
      { orderId, sessionId: session.id, reason: result.reason },
      "paid checkout session for an order that cannot be paid",
    );
    return;
  }
  log.info({ orderId, sessionId: session.id, outcome: result.outcome }, "order paid through Stripe");
}
