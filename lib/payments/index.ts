import type { DbOrTx } from "@/db/client";
import { env, isProduction } from "@/lib/env";
import { createStripeProvider } from "./stripe";
import { createTestProvider } from "./test";
import type { PaymentProvider } from "./types";

/**
 * Stripe when STRIPE_SECRET_KEY is set; otherwise the offline test provider, which lib/env.ts
 * already refuses in production (a live shop cannot start without Stripe keys).
 */
export function paymentProvider(db: DbOrTx): PaymentProvider {
  if (env().STRIPE_SECRET_KEY) return createStripeProvider();
  if (isProduction()) throw new Error("Test payments are disabled in production: set STRIPE_SECRET_KEY.");
  return createTestProvider(db);
}

export const testPaymentsActive = () => !env().STRIPE_SECRET_KEY && !isProduction();

export type {
  CheckoutRequest,
  CheckoutSession,
  CheckoutState,
  PaymentConfirmation,
  PaymentProvider,
  RefundRequest,
} from "./types";
export { applyAccountUpdate, payoutStateOf } from "./connect";
export { stripeClient, verifyStripeEvent, WebhookSignatureError } from "./stripe-client";
export { confirmationOf, creditPurchaseIdOf, orderIdOf } from "./stripe-session";
export { belowCardMinimum, cardMinimum } from "./minimums";
