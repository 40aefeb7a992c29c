import type Stripe from "stripe";
import type { ShippingAddress } from "@/db/schema";
import type { CheckoutState, PaymentConfirmation } from "./types";

/** Our order id, set on every session we create (metadata first; the reference is a fallback). */
export function orderIdOf(session: Stripe.Checkout.Session): string | null {
  if (creditPurchaseIdOf(session)) return null;
  return session.metadata?.orderId || session.client_reference_id || null;
}

/** A purchase of credit (lib/credit), not a band's order. */
export function creditPurchaseIdOf(session: Stripe.Checkout.Session): string | null {
  return session.metadata?.creditPurchaseId || null;
}

const idOf = (ref: string | { id: string } | null | undefined) => (typeof ref === "string" ? ref : (ref?.id ?? null));

/**
 * Since API version 2025-03-31 the address is at collected_information.shipping_details; events
 * are rendered in the webhook endpoint's own API version, which may be older (shipping_details).
 */
function shippingOf(session: Stripe.Checkout.Session): ShippingAddress | null {
  const legacy = (session as { shipping_details?: Stripe.Checkout.Session.CollectedInformation.ShippingDetails | null })
    .shipping_details;
  const details = session.collected_information?.shipping_details ?? legacy;
  const address = details?.address;
  if (!details || !address?.country) return null;
  return {
    name: details.name ?? "",
    line1: address.line1 ?? "",
    ...(address.line2 ? { line2: address.line2 } : {}),
    postalCode: address.postal_code ?? "",
    city: address.city ?? "",
    ...(address.state ? { state: address.state } : {}),
    country: address.country,
  };
}

/**
 * The card's country when the charge is at hand (the success page expands the PaymentIntent),
 * else the billing address Checkout collects with a card: both are in the session, so the webhook
 * needs no further call to Stripe inside its transaction.
 */
function cardCountryOf(session: Stripe.Checkout.Session): string | null {
  const intent = typeof session.payment_intent === "object" ? session.payment_intent : null;
  const charge = intent && typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  return charge?.payment_method_details?.card?.country ?? session.customer_details?.address?.country ?? null;
}

export function confirmationOf(session: Stripe.Checkout.Session): PaymentConfirmation {
  const country = cardCountryOf(session);
  return {
    ...(country ? { country } : {}),
    paymentId: idOf(session.payment_intent) ?? session.id,
    email: session.customer_details?.email ?? session.customer_email ?? null,
    shippingAddress: shippingOf(session),
    // Only Stripe Tax computes a figure worth keeping; without it the order's own table stands.
    ...(session.automatic_tax?.enabled ? { tax: session.total_details?.amount_tax ?? 0 } : {}),
    ...(session.amount_total !== null ? { total: session.amount_total } : {}),
  };
}

/**
 * complete + paid: the money is there. complete + unpaid: a delayed method (SEPA debit, bank
 * transfer) is on its way, or failed — its PaymentIntent (when expanded) tells which.
 */
export function checkoutStateOf(session: Stripe.Checkout.Session): CheckoutState {
  if (session.status === "expired") return { status: "expired" };
  if (session.status !== "complete") return { status: "open" };
  if (session.payment_status === "paid" || session.payment_status === "no_payment_required") {
    return { status: "paid", confirmation: confirmationOf(session) };
  }
  const intent = typeof session.payment_intent === "object" ? session.payment_intent : null;
  if (intent && (intent.status === "canceled" || intent.status === "requires_payment_method"))
    return { status: "failed" };
  return { status: "processing" };
}
