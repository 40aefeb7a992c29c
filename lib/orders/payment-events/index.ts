import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { onInvoicePaid, onInvoicePaymentFailed, onPlanCheckoutCompleted, onSubscriptionChanged } from "@/lib/billing";
import {
  onCreditChargeRefunded,
  onCreditCheckoutCompleted,
  onCreditCheckoutExpired,
  onCreditDisputeCreated,
} from "@/lib/credit";
import { onFanSubscriptionEvent } from "@/lib/fan-subscriptions";
import { onAccountUpdated } from "./account-updated";
import { onAsyncPaymentFailed } from "./async-payment-failed";
import { onAsyncPaymentSucceeded } from "./async-payment-succeeded";
import { onChargeRefunded } from "./charge-refunded";
import { onCheckoutCompleted } from "./checkout-completed";
import { onCheckoutExpired } from "./checkout-expired";

/** Event types that change something here; any other event is acknowledged and not recorded. */
export const HANDLED_EVENTS: ReadonlySet<string> = new Set<Stripe.Event["type"]>([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
  // Disputes freeze credit bought with the disputed payment (lib/credit/freeze.ts).
  "charge.dispute.created",
  "account.updated",
  // Bands' Pro subscriptions (lib/billing), and fans' subscriptions to a band (lib/fan-subscriptions).
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
]);

/** Applies one verified event inside the transaction that records its id. Others are ignored. */
export async function applyStripeEvent(tx: Tx, event: Stripe.Event, log: Logger): Promise<void> {
  // Fans' subscriptions to a band, from its connected account (lib/fan-subscriptions).
  if (await onFanSubscriptionEvent(tx, event, log)) return;
  switch (event.type) {
    case "checkout.session.completed":
      // A band's Pro checkout, not a fan's order.
      if (event.data.object.mode === "subscription") await onPlanCheckoutCompleted(tx, event, log);
      else if (!(await onCreditCheckoutCompleted(tx, event.data.object, log)))
        await onCheckoutCompleted(tx, event, log);
      break;
    case "checkout.session.async_payment_succeeded":
      if (!(await onCreditCheckoutCompleted(tx, event.data.object, log))) await onAsyncPaymentSucceeded(tx, event, log);
      break;
    case "checkout.session.async_payment_failed":
      if (!(await onCreditCheckoutExpired(tx, event.data.object, log))) await onAsyncPaymentFailed(tx, event, log);
      break;
    case "checkout.session.expired":
      if (!(await onCreditCheckoutExpired(tx, event.data.object, log))) await onCheckoutExpired(tx, event, log);
      break;
    case "charge.refunded":
      if (!(await onCreditChargeRefunded(tx, event.data.object, log))) await onChargeRefunded(tx, event, log);
      break;
    case "charge.dispute.created":
      await onCreditDisputeCreated(tx, event.data.object, log);
      break;
    case "account.updated":
      await onAccountUpdated(tx, event, log);
      break;
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      await onSubscriptionChanged(tx, event, log);
      break;
    case "invoice.paid":
      await onInvoicePaid(tx, event, log);
      break;
    case "invoice.payment_failed":
      await onInvoicePaymentFailed(tx, event, log);
      break;
  }
}
