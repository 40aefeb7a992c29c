import type Stripe from "stripe";
import { env, type Env } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { newStripeClient, stripeClient } from "./stripe-client";
import { checkoutStateOf } from "./stripe-session";
import type { CheckoutRequest, PaymentProvider } from "./types";

/**
 * Stripe's product tax codes (docs.stripe.com/tax/tax-codes): downloaded digital audio with
 * permanent rights, not a subscription; general tangible goods; shipping.
 */
export const TAX_CODES = { download: "txcd_10401100", goods: "txcd_99999999", shipping: "txcd_92010001" } as const;

/** Stripe refuses a session that expires sooner than 30 minutes after it receives the request. */
const MIN_SESSION_SECONDS = 30 * 60 + 60;

/**
 * Stripe wants at least 30 minutes from its own clock. A requested expiry that already leaves
 * 30½ minutes is sent as it is, so the same request sent again (a retry under the same
 * idempotency key) carries the same parameters; only a shorter one is pushed to 31 minutes.
 */
function sessionExpiry(requested: number, nowSeconds: number) {
  return requested >= nowSeconds + 30 * 60 + 30 ? requested : nowSeconds + MIN_SESSION_SECONDS;
}

type Settings = Pick<Env, "STRIPE_SECRET_KEY" | "STRIPE_API_URL" | "STRIPE_TAX">;

export function checkoutParams(
  request: CheckoutRequest,
  options: { tax: boolean; now?: Date },
): Stripe.Checkout.SessionCreateParams {
  if (request.kind === "credit") return creditCheckoutParams(request, options.now);
  if (!request.destinationAccountId) {
    throw new Error(`Order ${request.orderId}: the band has no connected payout account, so Stripe cannot pay it out.`);
  }
  const currency = request.currency.toLowerCase();
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  // Part paid from a balance: Stripe sees only the card's share, on which its tax would be wrong.
  const tax = options.tax && !(request.creditAmount && request.creditAmount > 0);
  options = { ...options, tax };
  // Prices include VAT (what the fan sees is what the fan pays): Stripe Tax finds the VAT within
  // them and reports it back (total_details.amount_tax).
  const taxBehavior = options.tax ? { tax_behavior: "inclusive" as const } : {};
  const ships = request.shippingCountry !== null;
  return {
    mode: "payment",
    line_items: request.lines.map((line) => ({
      quantity: line.quantity,
      price_data: {
        currency,
        unit_amount: line.unitAmount,
        product_data: {
          name: line.name,
          ...(options.tax && { tax_code: line.physical ? TAX_CODES.goods : TAX_CODES.download }),
        },
        ...taxBehavior,
      },
    })),
    ...(ships && {
      shipping_address_collection: {
        allowed_countries: [
          request.shippingCountry as Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry,
        ],
      },
    }),
    ...((request.shippingAmount > 0 || (ships && !request.creditAmount)) && {
      shipping_options: [
        {
          shipping_rate_data: {
            type: "fixed_amount",
            display_name: translator(request.locale).t("cart.shipping"),
            fixed_amount: { amount: request.shippingAmount, currency },
            ...taxBehavior,
            ...(options.tax && { tax_code: TAX_CODES.shipping }),
          },
        },
      ],
    }),
    ...(request.email && { customer_email: request.email }),
    client_reference_id: request.orderId,
    metadata: { orderId: request.orderId, ...(request.creditAmount && { creditAmount: String(request.creditAmount) }) },
    // Destination charge: the platform is the merchant (so Stripe Tax works for it), the band's
    // account receives the charge minus the platform fee.
    payment_intent_data: {
      ...(request.applicationFee > 0 && { application_fee_amount: request.applicationFee }),
      transfer_data: { destination: request.destinationAccountId },
      metadata: { orderId: request.orderId },
    },
    ...(options.tax && { automatic_tax: { enabled: true } }),
    expires_at: sessionExpiry(Math.floor(request.expiresAt.getTime() / 1000), nowSeconds),
    locale: request.locale,
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
  };
}

/** A platform charge for credit: no transfer, no tax, the purchase's id in the metadata. */
function creditCheckoutParams(request: CheckoutRequest, now = new Date()): Stripe.Checkout.SessionCreateParams {
  const currency = request.currency.toLowerCase();
  return {
    mode: "payment",
    line_items: request.lines.map((line) => ({
      quantity: line.quantity,
      price_data: { currency, unit_amount: line.unitAmount, product_data: { name: line.name } },
    })),
    ...(request.email && { customer_email: request.email }),
    client_reference_id: `credit:${request.orderId}`,
    metadata: { creditPurchaseId: request.orderId },
    payment_intent_data: { metadata: { creditPurchaseId: request.orderId } },
    expires_at: sessionExpiry(Math.floor(request.expiresAt.getTime() / 1000), Math.floor(now.getTime() / 1000)),
    locale: request.locale,
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
  };
}

/** Payments through Stripe Checkout, paid out to the band's connected account (Connect). */
export function createStripeProvider(settings?: Settings): PaymentProvider {
  const tax = (settings ?? env()).STRIPE_TAX;
  const stripe = settings ? newStripeClient(settings) : stripeClient();
  return {
    name: "stripe",

    async createCheckout(request) {
      const params = checkoutParams(request, { tax });
      const session = await stripe.checkout.sessions.create(params, {
        idempotencyKey: `${request.kind === "credit" ? "credit-checkout" : "checkout"}:${request.orderId}`,
      });
      if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL.`);
      return { sessionId: session.id, url: session.url, expiresAt: new Date(session.expires_at * 1000) };
    },

    async getCheckoutState(sessionId) {
      const session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ["payment_intent"] });
      return checkoutStateOf(session);
    },

    async cancelCheckout(sessionId) {
      const session = await stripe.checkout.sessions.retrieve(sessionId);
      if (session.status === "expired") return true;
      if (session.status !== "open") return false;
      const expired = await stripe.checkout.sessions.expire(sessionId, {}, { idempotencyKey: `expire:${sessionId}` });
      return expired.status === "expired";
    },

    async refund(request) {
      let refundedTotal = request.refundedTotal;
      if (refundedTotal === undefined) {
        const intent = await stripe.paymentIntents.retrieve(request.paymentId, { expand: ["latest_charge"] });
        const charge = intent.latest_charge;
        refundedTotal = (typeof charge === "object" && charge ? charge.amount_refunded : 0) + request.amount;
      }
      const refund = await stripe.refunds.create(
        {
          payment_intent: request.paymentId,
          amount: request.amount,
          reverse_transfer: true,
          refund_application_fee: true,
          metadata: { orderId: request.orderId },
        },
        { idempotencyKey: `refund:${request.orderId}:to-${refundedTotal}` },
      );
      return { refundId: refund.id };
    },
  };
}
