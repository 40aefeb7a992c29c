import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { carts, orders, type Artist, type OrderGift } from "@/db/schema";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { logger } from "@/lib/log";
import { belowCardMinimum, cardMinimum, paymentProvider } from "@/lib/payments";
import { cancelOrder } from "./cancel";
import { findCart } from "./cart";
import { priceCart } from "./cart-pricing";
import { checkoutCountry } from "./checkout-country";
import { cartCredit } from "./checkout-credit";
import { cardLines, creditLines } from "./checkout-lines";
import { fulfillOrder } from "./fulfill";
import { CHECKOUT_MINUTES, createPendingOrder, CreditChanged, DiscountUsedUp, OutOfStock } from "./pending-order";

export { CHECKOUT_MINUTES };

export type CheckoutError =
  | "empty"
  | "not_ready"
  | "out_of_stock"
  | "email_required"
  | "payouts_not_connected"
  | "provider_failed"
  | "not_free"
  | "discount_invalid"
  | "discount_used_up"
  | "below_card_minimum"
  | "country_unconfirmed"
  | "credit_changed";

export type CheckoutResult =
  | { ok: true; orderId: string; redirectUrl: string }
  | { ok: false; error: Exclude<CheckoutError, "below_card_minimum" | "country_unconfirmed"> }
  /**
   * Paid, but less than the payment provider accepts for a card in this currency, and the fan's
   * balance (if any) does not cover it.
   */
  | { ok: false; error: "below_card_minimum"; minimum: number; currency: string }
  /** The fan's address points to `ipCountry`, the cart says `declared`: the fan must confirm first. */
  | { ok: false; error: "country_unconfirmed"; ipCountry: string; declared: string };

/**
 * Cart → pending order → the provider's payment page. Prices come from the database (priceCart),
 * stock is taken with one conditional UPDATE per line (never read-then-write), and the order,
 * its lines, the reservations and the discount code's use commit together. A cart that costs nothing skips the provider
 * and is fulfilled at once (free downloads still leave an order, for the band's figures).
 * A fan signed into the library (`creditEmail`) pays from their balance first (./checkout-credit):
 * the card pays the rest, and an order the balance covers whole is fulfilled at once like a free one.
 */
export async function startCheckout(
  db: DbOrTx,
  input: {
    token: string | undefined;
    artist: Artist;
    email: string | null;
    subscribe: boolean;
    locale: Locale;
    /** The free-download form: a cart that would cost something is refused, nothing is created. */
    requireFree?: boolean;
    /** The fan's address (lib/auth/client-ip): where a download sale is counted when no address is asked. */
    ip?: string | null;
    /** The library session's e-mail: whose balance pays first. */
    creditEmail?: string | null;
    /** "Buy this album as a gift" (lib/orders/gift-order.ts): stamped on the pending order. */
    gift?: OrderGift;
  },
): Promise<CheckoutResult> {
  const cart = await findCart(db, input.token, input.artist.id);
  if (!cart) return { ok: false, error: "empty" };
  const priced = await priceCart(db, cart, input.artist);
  if (!priced.lines.length) return { ok: false, error: "empty" };
  if (!priced.ready)
    return { ok: false, error: priced.lines.some((l) => l.problem === "out_of_stock") ? "out_of_stock" : "not_ready" };
  // A code that lapsed since the fan last saw the cart: take it off and show the new total, rather than charge more than shown.
  if (priced.discountCode && !priced.discountCode.check.ok) {
    await db.update(carts).set({ discountCodeId: null }).where(eq(carts.id, cart.id));
    return { ok: false, error: "discount_invalid" };
  }

  const free = priced.total === 0;
  if (input.requireFree && !free) return { ok: false, error: "not_free" };
  const credit = input.requireFree ? null : await cartCredit(db, priced, input.artist, input.creditEmail);
  const cardPart = credit ? credit.card : priced.total;
  const byCredit = !free && cardPart === 0;
  if (belowCardMinimum(cardPart, priced.currency))
    return {
      ok: false,
      error: "below_card_minimum",
      minimum: cardMinimum(priced.currency)!,
      currency: priced.currency,
    };
  const where = await checkoutCountry(priced, input.ip);
  if (!where.ok)
    return { ok: false, error: "country_unconfirmed", ipCountry: where.ipCountry, declared: where.declared };
  const provider = free ? null : paymentProvider(db);
  const email = input.email || (credit?.credit ? (input.creditEmail ?? null) : null);
  if ((free || provider?.name === "test") && !email) return { ok: false, error: "email_required" };
  // Credit spent at a band reaches it through the same connected account as a card sale.
  if (provider?.name === "stripe" && (input.artist.payoutStatus !== "active" || !input.artist.payoutAccountId)) {
    return { ok: false, error: "payouts_not_connected" };
  }

  let orderId: string;
  let applicationFee: number;
  try {
    ({ orderId, applicationFee } = await createPendingOrder(db, priced, {
      ...input,
      email,
      buyerCountry: where.country,
      evidence: where.evidence,
      provider: free ? "free" : byCredit ? "credit" : provider!.name,
      credit,
    }));
  } catch (error) {
    if (error instanceof OutOfStock) return { ok: false, error: "out_of_stock" };
    if (error instanceof CreditChanged) return { ok: false, error: "credit_changed" };
    if (error instanceof DiscountUsedUp) {
      // Another fan's checkout took the code's last use a moment ago: the code leaves this cart.
      await db.update(carts).set({ discountCodeId: null }).where(eq(carts.id, cart.id));
      return { ok: false, error: "discount_used_up" };
    }
    throw error;
  }
  const base = env().APP_URL;

  if (free || byCredit) {
    await fulfillOrder(db, orderId, { paymentId: `${free ? "free" : "credit"}_${orderId}` });
    const [order] = await db.select({ session: orders.providerSessionId }).from(orders).where(eq(orders.id, orderId));
    return { ok: true, orderId, redirectUrl: successUrl(base, orderId, order.session!) };
  }

  try {
    const session = await provider!.createCheckout({
      orderId,
      currency: priced.currency,
      ...(credit?.credit ? creditLines(priced, input.artist, credit, input.locale) : cardLines(priced)),
      shippingCountry: priced.physicalUnits ? priced.cart.country : null,
      email: input.email,
      destinationAccountId: input.artist.payoutAccountId,
      // The fee stamped on the order plus the VAT the platform owes, so Stripe pays the band exactly
      // the share its order page shows.
      applicationFee,
      // The provider sends the fan back by GET: route handlers confirm or cancel, then redirect to a page that only reads.
      successUrl: `${base}/checkout/return?order=${orderId}&session={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${base}/${input.artist.slug}/cart/canceled?order=${orderId}`,
      expiresAt: new Date(Date.now() + CHECKOUT_MINUTES * 60_000),
      locale: input.locale,
    });
    await db
      .update(orders)
      .set({ providerSessionId: session.sessionId, ...(session.expiresAt ? { expiresAt: session.expiresAt } : {}) })
      .where(eq(orders.id, orderId));
    return { ok: true, orderId, redirectUrl: session.url };
  } catch (error) {
    logger.error({ err: error, orderId }, "could not open the payment page");
    await cancelOrder(db, orderId, "failed");
    return { ok: false, error: "provider_failed" };
  }
}

export function successUrl(base: string, orderId: string, sessionId: string) {
  return `${base}/checkout/success?order=${orderId}&session=${encodeURIComponent(sessionId)}`;
}
