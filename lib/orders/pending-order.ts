import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
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
import { claimDiscountUse } from "@/lib/discounts";
import type { Locale } from "@/lib/i18n/config";
import { feeAmount, feeFor } from "@/lib/plans";
import { netOfVat, type OrderVat } from "@/lib/vat";
import type { PricedCart } from "./cart-pricing";
import { cartVat, sellerVatOf } from "./cart-vat";
import type { CartCredit } from "./checkout-credit";

export const CHECKOUT_MINUTES = 30;

export class OutOfStock extends Error {}
export class DiscountUsedUp extends Error {}
/** Another checkout spent the fan's balance since it was read. */
export class CreditChanged extends Error {}

/**
 * The pending order in one transaction: its lines, the stock it reserves, the discount code's
 * use and the balance it sets aside; any of them failing leaves nothing behind.
 */
export async function createPendingOrder(
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
