import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { productOptions, products, releases, tracks, type Artist, type OrderItemKind } from "@/db/schema";
import { shopAvailable } from "@/lib/moderation";
import { hasPrice, priceRule, unitPrice } from "@/lib/money";

/** What a fan may put in a cart, and whether this band sells it now at what price. */
export type AddItem = {
  kind: OrderItemKind;
  id: string;
  optionId?: string | null;
  quantity?: number;
  customAmount?: number | null;
};

export type CartError =
  | "not_found"
  | "not_for_sale"
  | "option_required"
  | "below_minimum"
  | "too_large"
  | "out_of_stock"
  | "currency_mismatch"
  | "quantity_invalid";

type Sellable = {
  artistId: string;
  currency: string;
  price: ReturnType<typeof unitPrice>;
  physical: boolean;
  stock: number | null;
};

/** Checks that an item belongs to this band, is on sale, and what one unit costs. */
export async function loadSellable(db: DbOrTx, artist: Artist, item: AddItem): Promise<Sellable | CartError> {
  // A suspended shop or a taken-down release sells nothing, whatever page or widget still shows it.
  if (!shopAvailable(artist)) return "not_found";
  if (item.kind === "release") {
    const [release] = await db
      .select()
      .from(releases)
      .where(and(eq(releases.id, item.id), eq(releases.artistId, artist.id)))
      .limit(1);
    if (!release || release.status !== "published" || release.takenDownAt) return "not_found";
    if (!hasPrice(release)) return "not_for_sale";
    return {
      artistId: artist.id,
      currency: release.currency,
      price: unitPrice(priceRule(release), item.customAmount, release.currency),
      physical: false,
      stock: null,
    };
  }
  if (item.kind === "track") {
    const [row] = await db
      .select({ track: tracks, release: releases })
      .from(tracks)
      .innerJoin(releases, eq(releases.id, tracks.releaseId))
      .where(and(eq(tracks.id, item.id), eq(tracks.artistId, artist.id)))
      .limit(1);
    if (!row || row.release.status !== "published" || row.release.takenDownAt) return "not_found";
    if (!row.track.pricingMode || !hasPrice({ pricingMode: row.track.pricingMode, priceAmount: row.track.priceAmount }))
      return "not_for_sale";
    const rule = priceRule({
      pricingMode: row.track.pricingMode,
      priceAmount: row.track.priceAmount,
      priceMinimum: row.track.priceMinimum,
    });
    return {
      artistId: artist.id,
      currency: row.release.currency,
      price: unitPrice(rule, item.customAmount, row.release.currency),
      physical: false,
      stock: null,
    };
  }
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, item.id), eq(products.artistId, artist.id)))
    .limit(1);
  if (!product || !product.published) return "not_found";
  const options = await db.select().from(productOptions).where(eq(productOptions.productId, product.id));
  let stock = product.stock;
  if (options.length) {
    const option = options.find((o) => o.id === item.optionId);
    if (!option) return "option_required";
    stock = option.stock;
  } else if (item.optionId) {
    return "not_found";
  }
  return {
    artistId: artist.id,
    currency: product.currency,
    price: { ok: true, amount: product.priceAmount },
    physical: true,
    stock,
  };
}
