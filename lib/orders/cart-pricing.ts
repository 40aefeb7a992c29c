import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  cartItems,
  productOptions,
  products,
  releases,
  shippingRates,
  tracks,
  type Artist,
  type Cart,
  type OrderItemKind,
} from "@/db/schema";
import { quoteShipping, type ShippingQuote } from "@/lib/countries";
import { priceDiscount, type AppliedDiscount } from "@/lib/discounts";
import { shopAvailable } from "@/lib/moderation";
import { hasPrice, priceRule, unitPrice, type PriceRule } from "@/lib/money";

export type LineProblem = "unavailable" | "not_for_sale" | "out_of_stock" | "below_minimum" | "currency_mismatch";

export type PricedLine = {
  id: string;
  kind: OrderItemKind;
  /** The release itself, or the release a track belongs to. */
  releaseId: string | null;
  trackId: string | null;
  productId: string | null;
  optionId: string | null;
  title: string;
  /** Release of a track, option of a product. */
  detail: string | null;
  imageKey: string | null;
  quantity: number;
  unitAmount: number;
  lineTotal: number;
  physical: boolean;
  rule: PriceRule | null;
  customAmount: number | null;
  /** Units left when stock is counted (null = unlimited). */
  stockLeft: number | null;
  /** Release granted with a physical item (a CD includes its album). */
  grantsReleaseId: string | null;
  problem: LineProblem | null;
};

export type PricedCart = {
  cart: Cart;
  artist: Artist;
  currency: string;
  lines: PricedLine[];
  subtotal: number;
  physicalUnits: number;
  shipping: ShippingQuote;
  /** Taken off eligible items by the cart's discount code (never off shipping). */
  discount: number;
  discountCode: AppliedDiscount | null;
  total: number;
  /** Every line on sale and priced, shipping possible: the fan may pay. */
  ready: boolean;
};

/**
 * Prices a cart from the database only. Whatever a line says about itself (a stale amount, an
 * item since unpublished, another band's id slipped into the table) is re-read and re-checked.
 */
export async function priceCart(db: DbOrTx, cart: Cart, artist: Artist): Promise<PricedCart> {
  const rows = await db.select().from(cartItems).where(eq(cartItems.cartId, cart.id)).orderBy(asc(cartItems.createdAt));
  const ids = (key: "releaseId" | "trackId" | "productId" | "optionId") =>
    rows.map((r) => r[key]).filter((v): v is string => !!v);
  const [releaseRows, trackRows, productRows, optionRows] = await Promise.all([
    ids("releaseId").length
      ? db
          .select()
          .from(releases)
          .where(and(inArray(releases.id, ids("releaseId")), eq(releases.artistId, artist.id)))
      : [],
    ids("trackId").length
      ? db
          .select({ track: tracks, release: releases })
          .from(tracks)
          .innerJoin(releases, eq(releases.id, tracks.releaseId))
          .where(and(inArray(tracks.id, ids("trackId")), eq(tracks.artistId, artist.id)))
      : [],
    ids("productId").length
      ? db
          .select()
          .from(products)
          .where(and(inArray(products.id, ids("productId")), eq(products.artistId, artist.id)))
      : [],
    ids("productId").length
      ? db
          .select()
          .from(productOptions)
          .where(inArray(productOptions.productId, ids("productId")))
      : [],
  ]);

  const priced = rows.map((row): PricedLine & { currency: string | null } => {
    const base = {
      id: row.id,
      kind: row.kind,
      releaseId: row.releaseId,
      trackId: row.trackId,
      productId: row.productId,
      optionId: row.optionId,
      quantity: row.quantity,
      customAmount: row.customAmount,
    };
    const missing = (): PricedLine & { currency: null } => ({
      ...base,
      currency: null,
      title: "",
      detail: null,
      imageKey: null,
      unitAmount: 0,
      lineTotal: 0,
      physical: row.kind === "product",
      rule: null,
      stockLeft: null,
      grantsReleaseId: null,
      problem: "unavailable",
    });
    let title: string,
      detail: string | null,
      imageKey: string | null,
      currency: string,
      rule: PriceRule,
      physical: boolean;
    let stockLeft: number | null = null;
    let grantsReleaseId: string | null = null;
    let releaseId = row.releaseId;
    // Filled before a suspension or a take-down: the line stays, unavailable, and the cart cannot be paid.
    if (!shopAvailable(artist)) return missing();
    if (row.kind === "release") {
      const release = releaseRows.find((r) => r.id === row.releaseId);
      if (!release || release.status !== "published" || release.takenDownAt) return missing();
      if (!hasPrice(release)) return { ...missing(), title: release.title, problem: "not_for_sale" };
      [title, detail, imageKey, currency, rule, physical] = [
        release.title,
        null,
        release.artworkKey,
        release.currency,
        priceRule(release),
        false,
      ];
    } else if (row.kind === "track") {
      const found = trackRows.find((r) => r.track.id === row.trackId);
      if (!found || found.release.status !== "published" || found.release.takenDownAt) return missing();
      if (
        !found.track.pricingMode ||
        !hasPrice({ pricingMode: found.track.pricingMode, priceAmount: found.track.priceAmount })
      ) {
        return { ...missing(), title: found.track.title, problem: "not_for_sale" };
      }
      rule = priceRule({
        pricingMode: found.track.pricingMode,
        priceAmount: found.track.priceAmount,
        priceMinimum: found.track.priceMinimum,
      });
      [title, detail, imageKey, currency, physical] = [
        found.track.title,
        found.release.title,
        found.release.artworkKey,
        found.release.currency,
        false,
      ];
      releaseId = found.release.id;
    } else {
      const product = productRows.find((p) => p.id === row.productId);
      if (!product || !product.published) return missing();
      const options = optionRows.filter((o) => o.productId === product.id);
      const option = options.find((o) => o.id === row.optionId);
      if (options.length ? !option : row.optionId) return missing();
      stockLeft = option ? option.stock : product.stock;
      grantsReleaseId = product.releaseId;
      [title, detail, imageKey, currency, physical] = [
        product.title,
        option?.label ?? null,
        product.photoKeys[0] ?? null,
        product.currency,
        true,
      ];
      rule = { mode: "fixed", amount: product.priceAmount };
    }
    const price = unitPrice(rule, row.customAmount, currency);
    const unitAmount = price.ok ? price.amount : rule.mode === "pay_what_you_want" ? rule.minimum : 0;
    let problem: LineProblem | null = null;
    if (!price.ok) problem = "below_minimum";
    if (stockLeft !== null && row.quantity > stockLeft) problem = "out_of_stock";
    return {
      ...base,
      releaseId,
      currency,
      title,
      detail,
      imageKey,
      unitAmount,
      lineTotal: unitAmount * row.quantity,
      physical,
      rule,
      stockLeft,
      grantsReleaseId,
      problem,
    };
  });

  // A cart is in the currency of its first item; a line priced in another one cannot join it.
  const currency = priced.find((line) => line.currency)?.currency ?? artist.currency;
  const lines: PricedLine[] = priced.map(({ currency: lineCurrency, ...line }) =>
    lineCurrency && lineCurrency !== currency && !line.problem ? { ...line, problem: "currency_mismatch" } : line,
  );
  const subtotal = lines.reduce((sum, line) => sum + (line.problem === "unavailable" ? 0 : line.lineTotal), 0);
  const physicalUnits = lines.filter((l) => l.physical && !l.problem).reduce((sum, l) => sum + l.quantity, 0);
  const rates = physicalUnits
    ? await db
        .select()
        .from(shippingRates)
        .where(and(eq(shippingRates.artistId, artist.id), eq(shippingRates.currency, currency)))
    : [];
  const shipping = quoteShipping(rates, { country: cart.country, homeCountry: artist.country, physicalUnits });
  const discountCode = await priceDiscount(db, {
    artistId: artist.id,
    discountCodeId: cart.discountCodeId,
    currency,
    lines,
  });
  const discount = discountCode?.amount ?? 0;
  const total = subtotal - discount + (shipping.ok ? shipping.amount : 0);
  const ready = lines.length > 0 && lines.every((l) => l.problem === null) && shipping.ok;
  return { cart, artist, currency, lines, subtotal, physicalUnits, shipping, discount, discountCode, total, ready };
}
