import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  carts,
  orderItems,
  orders,
  productOptions,
  products,
  stockReservations,
  type Artist,
  type CountryEvidence,
  type OrderGift,
} from "@/db/schema";
import { cardApplicationFee, holdOrderCredit, InsufficientCredit } from "@/lib/credit";
import { claimDiscountUse, discountedUnits } from "@/lib/discounts";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";
import type { Locale } from "@/lib/i18n/config";
import { logger } from "@/lib/log";
import { formatMoney } from "@/lib/money";
import { belowCardMinimum, cardMinimum, paymentProvider } from "@/lib/payments";
import { feeAmount, feeFor } from "@/lib/plans";
import { netOfVat, type OrderVat } from "@/lib/vat";
import { cancelOrder } from "./cancel";
import { findCart } from "./cart";
import { priceCart, type PricedCart } from "./cart-pricing";
import { cartVat, sellerVatOf } from "./cart-vat";
import { checkoutCountry } from "./checkout-country";
import { cartCredit, type CartCredit } from "./checkout-credit";
import { fulfillOrder } from "./fulfill";

export const CHECKOUT_MINUTES = 30;

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

class OutOfStock extends Error {}
class DiscountUsedUp extends Error {}
class CreditChanged extends Error {}

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

function cardLines(priced: PricedCart) {
  return {
    lines: priced.lines.flatMap((line) =>
      discountedUnits(line, priced.discountCode?.perLine.get(line.id) ?? 0).map((part) => ({
        name: line.detail ? `${line.title} — ${line.detail}` : line.title,
        physical: line.physical,
        ...part,
      })),
    ),
    shippingAmount: priced.shipping.ok ? priced.shipping.amount : 0,
  };
}

/** Part paid from the balance: the card is charged one line, the rest, shipping included. */
function creditLines(priced: PricedCart, artist: Artist, credit: CartCredit, locale: Locale) {
  const count = priced.lines.reduce((sum, line) => sum + line.quantity, 0);
  const name = translator(locale).t("cart.creditLine", {
    band: artist.name,
    count,
    amount: formatMoney(credit.credit, priced.currency, locale),
  });
  return {
    lines: [{ name, unitAmount: credit.card, quantity: 1, physical: priced.physicalUnits > 0 }],
    shippingAmount: 0,
    creditAmount: credit.credit,
  };
}

export function successUrl(base: string, orderId: string, sessionId: string) {
  return `${base}/checkout/success?order=${orderId}&session=${encodeURIComponent(sessionId)}`;
}

async function createPendingOrder(
  db: DbOrTx,
  priced: PricedCart,
  input: {
    artist: Artist;
    email: string | null;
    subscribe: boolean;
    locale: Locale;
    buyerCountry: string | null;
    evidence: CountryEvidence;
    provider: "stripe" | "test" | "free" | "credit";
    credit: CartCredit | null;
    gift?: OrderGift;
  },
): Promise<{ orderId: string; applicationFee: number }> {
  return db.transaction(async (tx) => {
    const shipping = priced.shipping.ok ? priced.shipping.amount : 0;
    const vat: OrderVat = cartVat(priced, input.buyerCountry);
    // The plan in force when the order is made decides its fee for good (a later upgrade or downgrade changes nothing).
    // The fee is on what the band sells, not on the VAT collected for tax offices.
    const { plan, basisPoints } = await feeFor(tx, input.artist.id);
    const fee = input.provider === "free" ? 0 : feeAmount(netOfVat(priced.total, vat), basisPoints);
    const creditAmount = input.credit?.credit ?? 0;
    const [order] = await tx
      .insert(orders)
      .values({
        artistId: input.artist.id,
        email: input.email?.trim().toLowerCase() || null,
        currency: priced.currency,
        subtotal: priced.subtotal,
        shipping,
        discount: priced.discount,
        discountCodeId: priced.discount > 0 ? priced.discountCode!.id : null,
        total: priced.total,
        creditAmount,
        platformFee: fee,
        plan,
        feeBasisPoints: basisPoints,
        provider: input.provider,
        destinationAccountId: input.provider === "stripe" ? input.artist.payoutAccountId : null,
        needsShipping: priced.physicalUnits > 0,
        buyerCountry: input.buyerCountry,
        countryEvidence: input.evidence,
        vatCountry: vat.country,
        vatRateBasisPoints: vat.rateBasisPoints,
        vatPlatform: vat.platform,
        vatSeller: vat.seller,
        tax: vat.total,
        taxSource: vat.total > 0 ? "table" : "none",
        sellerVat: sellerVatOf(input.artist),
        source: priced.cart.source,
        sourceHost: priced.cart.sourceHost,
        subscribe: input.subscribe,
        locale: input.locale,
        cartId: priced.cart.id,
        gift: input.gift ?? null,
        expiresAt: new Date(Date.now() + CHECKOUT_MINUTES * 60_000),
      })
      .returning({ id: orders.id });
    if (priced.discount > 0 && !(await claimDiscountUse(tx, priced.discountCode!.id))) throw new DiscountUsedUp();
    // Free and balance-paid orders need a session id too: the success page checks it before showing downloads.
    if (input.provider === "free" || input.provider === "credit") {
      await tx
        .update(orders)
        .set({ providerSessionId: `${input.provider}_${crypto.randomUUID()}` })
        .where(eq(orders.id, order.id));
    }
    if (input.credit?.holds.length) {
      try {
        await holdOrderCredit(tx, order.id, priced.currency, input.credit.holds);
      } catch (error) {
        // Another checkout spent the balance since it was read: nothing of this order is kept.
        if (error instanceof InsufficientCredit) throw new CreditChanged();
        throw error;
      }
    }
    for (const [i, line] of priced.lines.entries()) {
      await tx.insert(orderItems).values({
        orderId: order.id,
        kind: line.kind,
        releaseId: line.releaseId,
        trackId: line.trackId,
        productId: line.productId,
        optionId: line.optionId,
        title: line.title,
        optionLabel: line.kind === "product" ? line.detail : null,
        quantity: line.quantity,
        unitAmount: line.unitAmount,
        currency: priced.currency,
        grossAmount: vat.lines[i].gross,
        vatRateBasisPoints: vat.lines[i].rateBasisPoints,
        vatAmount: vat.lines[i].vat,
        vatLiability: vat.lines[i].liability,
      });
      if (line.kind === "product" && line.productId)
        await reserve(tx, order.id, line.productId, line.optionId, line.quantity);
    }
    // The card pays the fee and the platform's VAT as far as it can; the credit payout leaves out the rest.
    return { orderId: order.id, applicationFee: cardApplicationFee(priced.total - creditAmount, fee + vat.platform) };
  });
}

/** Takes units off the shelf, or throws OutOfStock; unlimited stock (null) always succeeds. */
async function reserve(tx: DbOrTx, orderId: string, productId: string, optionId: string | null, quantity: number) {
  const taken = optionId
    ? await tx
        .update(productOptions)
        .set({ stock: sql`${productOptions.stock} - ${quantity}` })
        .where(
          and(
            eq(productOptions.id, optionId),
            or(isNull(productOptions.stock), sql`${productOptions.stock} >= ${quantity}`),
          ),
        )
        .returning({ id: productOptions.id })
    : await tx
        .update(products)
        .set({ stock: sql`${products.stock} - ${quantity}` })
        .where(and(eq(products.id, productId), or(isNull(products.stock), sql`${products.stock} >= ${quantity}`)))
        .returning({ id: products.id });
  if (!taken.length) throw new OutOfStock();
  await tx.insert(stockReservations).values({ orderId, productId, optionId, quantity });
}
