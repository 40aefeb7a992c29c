import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { artists } from "@/db/schema";
import { at, customerOf, invoiceFacts, periodEndOf, standingOf } from "@/lib/billing";
import {
  fanCheckoutCompleted,
  fanInvoiceFailed,
  fanInvoicePaid,
  fanSubscriptionChanged,
  lockFanSubscription,
  type FanSubscriptionRef,
} from "./lifecycle";

const idOf = (value: string | { id: string } | null | undefined) =>
  value == null ? null : typeof value === "string" ? value : value.id;

/** Our row's id, as the checkout's metadata carried it onto the session, the subscription and its invoices. */
function refOf(event: Stripe.Event): FanSubscriptionRef | null {
  const ref = (providerSubscriptionId: string | null, metadata: Stripe.Metadata | null | undefined) =>
    metadata?.fanSubscriptionId ? { providerSubscriptionId, fanSubscriptionId: metadata.fanSubscriptionId } : null;
  switch (event.type) {
    case "checkout.session.completed":
      return event.data.object.mode === "subscription"
        ? ref(idOf(event.data.object.subscription), event.data.object.metadata)
        : null;
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return ref(event.data.object.id, event.data.object.metadata);
    case "invoice.paid":
    case "invoice.payment_failed": {
      const details = event.data.object.parent?.subscription_details;
      return details ? ref(idOf(details.subscription), details.metadata) : null;
    }
    default:
      return null;
  }
}

/**
 * A fan subscription's event, sent by the band's connected account (Connect events carry
 * `event.account`). Returns false for any other event (a band's Pro plan, an order), which the
 * dispatcher then hands on. An event naming a subscription of another account changes nothing.
 */
export async function onFanSubscriptionEvent(tx: Tx, event: Stripe.Event, log: Logger): Promise<boolean> {
  const ref = refOf(event);
  if (!ref) return false;
  const sub = await lockFanSubscription(tx, ref);
  if (!sub) {
    log.warn({ ref }, "fan subscription event for no subscription of ours");
    return true;
  }
  const [band] = await tx
    .select({ account: artists.payoutAccountId })
    .from(artists)
    .where(eq(artists.id, sub.artistId));
  if (!event.account || event.account !== band?.account) {
    log.warn({ subscriptionId: sub.id, account: event.account ?? null }, "fan subscription event from another account");
    return true;
  }
  const eventAt = at(event.created);
  switch (event.type) {
    case "checkout.session.completed":
      await fanCheckoutCompleted(
        tx,
        sub,
        { customerId: customerOf(event.data.object), paid: event.data.object.payment_status !== "unpaid" },
        log,
      );
      break;
    case "invoice.paid":
      await fanInvoicePaid(tx, sub, invoiceFacts(event.data.object, eventAt, true), log);
      break;
    case "invoice.payment_failed":
      await fanInvoiceFailed(tx, sub, invoiceFacts(event.data.object, eventAt, false), log);
      break;
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted": {
      const subscription = event.data.object;
      await fanSubscriptionChanged(
        tx,
        sub,
        {
          status: event.type === "customer.subscription.deleted" ? "canceled" : standingOf(subscription.status),
          periodEnd: periodEndOf(subscription),
          cancelAtPeriodEnd: subscription.cancel_at_period_end || subscription.cancel_at !== null,
          eventAt,
        },
        log,
      );
      break;
    }
  }
  return true;
}
