import { and, eq } from "drizzle-orm";
import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { orders } from "@/db/schema";
import { orderIdOf } from "@/lib/payments";
import { fulfillSession } from "./fulfill-session";

/**
 * How long a checkout paid by a delayed method keeps its units: SEPA debits take up to 14
 * business days. async_payment_succeeded/failed settles it sooner; the sweep only covers a lost event.
 */
const DELAYED_PAYMENT_HOLD_DAYS = 30;

/**
 * The fan finished Checkout. Cards are paid now; delayed methods (SEPA debit, bank transfers)
 * complete as "unpaid" and are fulfilled by checkout.session.async_payment_succeeded. Until then
 * the order stays pending, and its hold is pushed past the checkout's half hour so the expiry
 * sweep does not cancel an order whose money is on its way.
 */
export async function onCheckoutCompleted(tx: Tx, event: Stripe.CheckoutSessionCompletedEvent, log: Logger) {
  const session = event.data.object;
  if (session.payment_status === "unpaid") {
    const orderId = orderIdOf(session);
    if (orderId) {
      await tx
        .update(orders)
        .set({ expiresAt: new Date(Date.now() + DELAYED_PAYMENT_HOLD_DAYS * 86_400_000) })
        .where(and(eq(orders.id, orderId), eq(orders.status, "pending")));
    }
    log.info({ orderId, sessionId: session.id }, "checkout completed, payment still on its way");
    return;
  }
  await fulfillSession(tx, session, log);
}
