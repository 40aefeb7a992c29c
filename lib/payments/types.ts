import type { ShippingAddress } from "@/db/schema";
import type { Locale } from "@/lib/i18n/config";

/** One line as the fan sees it on the provider's page. Amounts are integer minor units. */
export type CheckoutLine = {
  name: string;
  unitAmount: number;
  quantity: number;
  /** Goods that ship (Stripe Tax taxes them as tangible goods, the rest as downloaded music). */
  physical?: boolean;
};

export type CheckoutRequest = {
  /** The order's id, or the credit purchase's when `kind` is "credit". */
  orderId: string;
  /**
   * "credit": gift cards, top-ups and sponsors' credit (lib/credit), collected by the platform
   * itself: no band's account, no application fee, no VAT (a multi-purpose voucher is taxed when
   * it is spent, on the sale it pays).
   */
  kind?: "order" | "credit";
  currency: string;
  lines: CheckoutLine[];
  /** Shipping for the whole cart (already computed by lib/orders); 0 when nothing ships. */
  shippingAmount: number;
  /** Physical items: the provider must collect an address in this country. */
  shippingCountry: string | null;
  email: string | null;
  /** Band's connected account (Stripe acct_…): the charge is paid out there. */
  destinationAccountId: string | null;
  applicationFee: number;
  /**
   * Already paid from the fan's balance (lib/credit): `lines` then hold one line with what the card
   * pays, shipping included, and Stripe Tax is not asked (the order's own VAT figures stand).
   */
  creditAmount?: number;
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
  locale: Locale;
};

export type CheckoutSession = {
  sessionId: string;
  url: string;
  /** When the provider will expire the session, if it differs from the request (Stripe needs at least 30 minutes from its clock). */
  expiresAt?: Date;
};

/** What the provider says about a checkout session (success page, webhook). */
export type CheckoutState =
  | { status: "paid"; confirmation: PaymentConfirmation }
  | { status: "open" | "processing" }
  | { status: "expired" | "failed" };

/** Facts the provider knows better than we do once the fan has paid. */
export type PaymentConfirmation = {
  paymentId: string;
  email?: string | null;
  shippingAddress?: ShippingAddress | null;
  /** ISO country of the card (or billing address) as the provider reports it; counts a download sale there. */
  country?: string | null;
  /** VAT the provider computed within the prices (Stripe Tax only; absent when it computed none) and the amount charged. */
  tax?: number;
  total?: number;
};

export type RefundRequest = {
  orderId: string;
  paymentId: string;
  amount: number;
  currency: string;
  /**
   * Refunded so far plus this refund. Part of the idempotency key: a double click sends the same
   * total (one refund), a second partial refund a new one. Stripe asks the charge when it is absent.
   */
  refundedTotal?: number;
};

export interface PaymentProvider {
  readonly name: "stripe" | "test";
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  getCheckoutState(sessionId: string): Promise<CheckoutState>;
  refund(request: RefundRequest): Promise<{ refundId: string }>;
  /**
   * The fan came back from the payment page without paying: close the session so it can no
   * longer be paid, and say so. False means it was already paid (or paying): leave the order be.
   */
  cancelCheckout(sessionId: string): Promise<boolean>;
}
