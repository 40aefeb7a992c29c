import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { checkoutCompleted, lockSubscription } from "@/lib/billing/lifecycle";
import { at, customerOf, subscriptionCheckoutRef } from "./objects";

/** A band finished the Pro checkout: link Stripe's customer and subscription to our row; paid means Pro now. */
export async function onPlanCheckoutCompleted(tx: Tx, event: Stripe.CheckoutSessionCompletedEvent, log: Logger) {
  const session = event.data.object;
  const sub = await lockSubscription(tx, subscriptionCheckoutRef(session));
  if (!sub) {
    log.warn({ sessionId: session.id }, "subscription checkout for no plan subscription of ours");
    return;
  }
  await checkoutCompleted(
    tx,
    sub,
    { customerId: customerOf(session), paid: session.payment_status !== "unpaid", eventAt: at(event.created) },
    log,
  );
}
