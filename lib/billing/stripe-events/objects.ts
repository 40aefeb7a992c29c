import type Stripe from "stripe";
import type { SubscriptionRef } from "@/lib/billing/lifecycle";

const idOf = (value: string | { id: string } | null | undefined) =>
  value == null ? null : typeof value === "string" ? value : value.id;

export const at = (seconds: number) => new Date(seconds * 1000);

/** A Checkout Session of ours for a plan: mode subscription with our row's id in its metadata. */
export function subscriptionCheckoutRef(session: Stripe.Checkout.Session): SubscriptionRef {
  return {
    providerSubscriptionId: idOf(session.subscription),
    planSubscriptionId: session.metadata?.planSubscriptionId ?? session.client_reference_id ?? null,
  };
}

export const customerOf = (session: { customer: string | { id: string } | null }) => idOf(session.customer);

/** Since API 2025-03-31 an invoice names its subscription (and that subscription's metadata) under parent. */
export function invoiceRef(invoice: Stripe.Invoice): SubscriptionRef | null {
  const details = invoice.parent?.subscription_details;
  if (!details) return null;
  return {
    providerSubscriptionId: idOf(details.subscription),
    planSubscriptionId: details.metadata?.planSubscriptionId ?? null,
  };
}

/** The period the invoice pays for: its subscription line's, not the invoice's own period_end (the previous one). */
export function invoiceFacts(invoice: Stripe.Invoice, eventAt: Date, paid: boolean) {
  const line = invoice.lines?.data?.[0];
  return {
    invoiceId: invoice.id!,
    amount: paid ? invoice.amount_paid : invoice.amount_due,
    currency: invoice.currency,
    periodEnd: line?.period?.end ? at(line.period.end) : null,
    at: paid && invoice.status_transitions?.paid_at ? at(invoice.status_transitions.paid_at) : eventAt,
  };
}

export function subscriptionRef(subscription: Stripe.Subscription): SubscriptionRef {
  return {
    providerSubscriptionId: subscription.id,
    planSubscriptionId: subscription.metadata?.planSubscriptionId ?? null,
  };
}

/** Since API 2025-03-31 the period lives on the subscription's items. */
export function periodEndOf(subscription: Stripe.Subscription): Date | null {
  const end = subscription.items?.data?.[0]?.current_period_end;
  return end ? at(end) : null;
}

export function standingOf(status: Stripe.Subscription.Status) {
  if (status === "active" || status === "trialing") return "active" as const;
  if (status === "past_due" || status === "unpaid") return "past_due" as const;
  if (status === "canceled" || status === "incomplete_expired") return "canceled" as const;
  return "other" as const;
}
