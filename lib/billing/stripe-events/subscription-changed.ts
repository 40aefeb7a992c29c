import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { lockSubscription } from "@/lib/billing/lifecycle";
import { subscriptionChanged } from "@/lib/billing/subscription-changed";
import { at, periodEndOf, standingOf, subscriptionRef } from "./objects";

/**
 * customer.subscription.created, .updated and .deleted: the period end, a cancellation asked for
 * in the portal (cancel_at_period_end) and the end itself. Older events change nothing (lib/billing/subscription-changed).
 */
export async function onSubscriptionChanged(
  tx: Tx,
  event:
    | Stripe.CustomerSubscriptionCreatedEvent
    | Stripe.CustomerSubscriptionUpdatedEvent
    | Stripe.CustomerSubscriptionDeletedEvent,
  log: Logger,
) {
  const subscription = event.data.object;
  const sub = await lockSubscription(tx, subscriptionRef(subscription));
  if (!sub) {
    log.warn({ subscription: subscription.id }, "subscription event for no plan subscription of ours");
    return;
  }
  await subscriptionChanged(
    tx,
    sub,
    {
      status: event.type === "customer.subscription.deleted" ? "canceled" : standingOf(subscription.status),
      periodEnd: periodEndOf(subscription),
      cancelAtPeriodEnd: subscription.cancel_at_period_end || subscription.cancel_at !== null,
      eventAt: at(event.created),
    },
    log,
  );
}
