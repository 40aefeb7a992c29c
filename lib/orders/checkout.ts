import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { carts, orderItems, orders, productOptions, products, stockReservations, type Artist } from "@/db/schema";
import { claimDiscountUse, discountedUnits } from "@/lib/discounts";
import { env } from "@/lib/env";
import { countryOfIp } from "@/lib/geo";
import type { Locale } from "@/lib/i18n/config";
import { logger } from "@/lib/log";
import { paymentProvider } from "@/lib/payments";
import { feeAmount, feeFor } from "@/lib/plans";
import { cancelOrder } from "./cancel";
import { findCart } from "./cart";
import { priceCart, type PricedCart } from "./cart-pricing";
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
  | "discount_used_up";

export type CheckoutResult = { ok: true; orderId: string; redirectUrl: string } | { ok: false; error: CheckoutError };

class OutOfStock extends Error {}
class DiscountUsedUp extends Error {}

/**
 * Cart → pending order → the provider's payment page. Prices come from the database (priceCart),
 * stock is taken with one conditional UPDATE per line (never read-then-write), and the order,
 * its lines, the reservations and the discount code's use commit together. A cart that costs nothing skips the provider
 * and is fulfilled at once (free downloads still leave an order, for the band's figures).
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
  const provider = free ? null : paymentProvider(db);
  if ((free || provider?.name === "test") && !input.email) return { ok: false, error: "email_required" };
  if (provider?.name === "stripe" && (input.artist.payoutStatus !== "active" || !input.artist.payoutAccountId)) {
    return { ok: false, error: "payouts_not_connected" };
  }

  let orderId: string;
  let fee: number;
  try {
    // A parcel's country is the one its shipping was priced for; a download's is where the fan is
    // (the payment provider may correct it with the card's country when the order is paid).
    const buyerCountry =
      priced.physicalUnits > 0 ? priced.cart.country : ((await countryOfIp(input.ip)) ?? priced.cart.country);
    ({ orderId, fee } = await createPendingOrder(db, priced, {
      ...input,
      buyerCountry,
      provider: free ? "free" : provider!.name,
    }));
  } catch (error) {
    if (error instanceof OutOfStock) return { ok: false, error: "out_of_stock" };
    if (error instanceof DiscountUsedUp) {
      // Another fan's checkout took the code's last use a moment ago: the code leaves this cart.
      await db.update(carts).set({ discountCodeId: null }).where(eq(carts.id, cart.id));
      return { ok: false, error: "discount_used_up" };
    }
    throw error;
  }
  const base = env().APP_URL;

  if (free) {
    await fulfillOrder(db, orderId, { paymentId: `free_${orderId}` });
    const [order] = await db.select({ session: orders.providerSessionId }).from(orders).where(eq(orders.id, orderId));
    return { ok: true, orderId, redirectUrl: successUrl(base, orderId, order.session!) };
  }

  try {
    const session = await provider!.createCheckout({
      orderId,
      currency: priced.currency,
      lines: priced.lines.flatMap((line) =>
        discountedUnits(line, priced.discountCode?.perLine.get(line.id) ?? 0).map((part) => ({
          name: line.detail ? `${line.title} — ${line.detail}` : line.title,
          ...part,
        })),
      ),
      shippingAmount: priced.shipping.ok ? priced.shipping.amount : 0,
      shippingCountry: priced.physicalUnits ? priced.cart.country : null,
      email: input.email,
      destinationAccountId: input.artist.payoutAccountId,
      // The fee stamped on the order, so Stripe takes exactly what the band's order page shows.
      applicationFee: fee,
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

async function createPendingOrder(
  db: DbOrTx,
  priced: PricedCart,
  input: {
    artist: Artist;
    email: string | null;
    subscribe: boolean;
    locale: Locale;
    buyerCountry: string | null;
    provider: "stripe" | "test" | "free";
  },
): Promise<{ orderId: string; fee: number }> {
  return db.transaction(async (tx) => {
    const shipping = priced.shipping.ok ? priced.shipping.amount : 0;
    // The plan in force when the order is made decides its fee for good (a later upgrade or downgrade changes nothing).
    const { plan, basisPoints } = await feeFor(tx, input.artist.id);
    const fee = input.provider === "free" ? 0 : feeAmount(priced.total, basisPoints);
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
        platformFee: fee,
        plan,
        feeBasisPoints: basisPoints,
        provider: input.provider,
        destinationAccountId: input.provider === "stripe" ? input.artist.payoutAccountId : null,
        needsShipping: priced.physicalUnits > 0,
        buyerCountry: input.buyerCountry,
        source: priced.cart.source,
        sourceHost: priced.cart.sourceHost,
        subscribe: input.subscribe,
        locale: input.locale,
        cartId: priced.cart.id,
        expiresAt: new Date(Date.now() + CHECKOUT_MINUTES * 60_000),
      })
      .returning({ id: orders.id });
    if (priced.discount > 0 && !(await claimDiscountUse(tx, priced.discountCode!.id))) throw new DiscountUsedUp();
    // Free orders need a session id too: the success page checks it before showing downloads.
    if (input.provider === "free") {
      await tx
        .update(orders)
        .set({ providerSessionId: `free_${crypto.randomUUID()}` })
        .where(eq(orders.id, order.id));
    }
    for (const line of priced.lines) {
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
      });
      if (line.kind === "product" && line.productId)
        await reserve(tx, order.id, line.productId, line.optionId, line.quantity);
    }
    return { orderId: order.id, fee };
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
