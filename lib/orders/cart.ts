import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, cartItems, carts, products, releases, tracks, type Artist, type Cart } from "@/db/schema";
import { hashToken } from "@/lib/auth/tokens";
import { priceCart, type PricedCart } from "./cart-pricing";
import { loadSellable, type AddItem, type CartError } from "./sellable";

/**
 * A fan's cart with one band. The browser keeps a random token in a cookie; the server keeps
 * the items and re-prices them from the database every time they are shown or paid.
 */

export type { AddItem, CartError } from "./sellable";

export type CartResult = { ok: true } | { ok: false; error: CartError; minimum?: number };

export const MAX_QUANTITY = 99;

export async function findCart(db: DbOrTx, token: string | undefined, artistId: string): Promise<Cart | null> {
  if (!token) return null;
  const [cart] = await db
    .select()
    .from(carts)
    .where(and(eq(carts.tokenHash, hashToken(token)), eq(carts.artistId, artistId)))
    .limit(1);
  return cart ?? null;
}

async function openCart(
  db: DbOrTx,
  token: string,
  artistId: string,
  source: { source: string; sourceHost: string | null },
  country: string | null,
): Promise<Cart> {
  const [cart] = await db
    .insert(carts)
    .values({ tokenHash: hashToken(token), artistId, ...source, country })
    // Last outside touch wins: an item added from a widget credits that site even if the cart
    // started on the band's own page; adding from the band's page later keeps the widget's credit.
    .onConflictDoUpdate({
      target: [carts.tokenHash, carts.artistId],
      set:
        source.source === "shop"
          ? { updatedAt: new Date(), country: sql`coalesce(${carts.country}, ${country})` }
          : {
              updatedAt: new Date(),
              country: sql`coalesce(${carts.country}, ${country})`,
              source: source.source,
              sourceHost: source.sourceHost,
            },
    })
    .returning();
  return cart;
}

/**
 * Adds an item (or, for the same item again, raises the quantity of a physical one and updates
 * the amount of a pay-what-you-want one: a fan never needs two copies of the same download).
 */
export async function addToCart(
  db: DbOrTx,
  input: {
    token: string;
    artist: Artist;
    item: AddItem;
    source?: { source: string; sourceHost: string | null };
    /** The country of the fan's address (lib/geo): the cart's country until the fan picks one. */
    country?: string | null;
  },
): Promise<CartResult> {
  const { artist, item } = input;
  const quantity = item.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY)
    return { ok: false, error: "quantity_invalid" };
  const sellable = await loadSellable(db, artist, item);
  if (typeof sellable === "string") return { ok: false, error: sellable };
  if (!sellable.price.ok) {
    return sellable.price.reason === "below_minimum"
      ? { ok: false, error: "below_minimum", minimum: sellable.price.minimum }
      : { ok: false, error: "too_large" };
  }

  const cart = await openCart(
    db,
    input.token,
    artist.id,
    input.source ?? { source: "shop", sourceHost: null },
    input.country ?? null,
  );
  const existing = await db
    .select()
    .from(cartItems)
    .where(eq(cartItems.cartId, cart.id))
    .orderBy(asc(cartItems.createdAt));
  const currencies = await currenciesOf(db, existing);
  if (currencies.size && !currencies.has(sellable.currency)) return { ok: false, error: "currency_mismatch" };

  const same = existing.find(
    (row) =>
      row.kind === item.kind &&
      (row.releaseId ?? row.trackId ?? row.productId) === item.id &&
      (row.optionId ?? null) === (item.optionId ?? null),
  );
  const customAmount = item.customAmount ?? null;
  if (same) {
    const newQuantity = sellable.physical ? Math.min(same.quantity + quantity, MAX_QUANTITY) : 1;
    if (sellable.stock !== null && newQuantity > sellable.stock) return { ok: false, error: "out_of_stock" };
    await db.update(cartItems).set({ quantity: newQuantity, customAmount }).where(eq(cartItems.id, same.id));
    return { ok: true };
  }
  const units = sellable.physical ? quantity : 1;
  if (sellable.stock !== null && units > sellable.stock) return { ok: false, error: "out_of_stock" };
  await db.insert(cartItems).values({
    cartId: cart.id,
    kind: item.kind,
    releaseId: item.kind === "release" ? item.id : null,
    trackId: item.kind === "track" ? item.id : null,
    productId: item.kind === "product" ? item.id : null,
    optionId: item.optionId ?? null,
    quantity: units,
    customAmount,
  });
  return { ok: true };
}

async function currenciesOf(
  db: DbOrTx,
  rows: { releaseId: string | null; trackId: string | null; productId: string | null }[],
) {
  const found = new Set<string>();
  const releaseIds = rows.map((r) => r.releaseId).filter((v): v is string => !!v);
  const trackIds = rows.map((r) => r.trackId).filter((v): v is string => !!v);
  const productIds = rows.map((r) => r.productId).filter((v): v is string => !!v);
  if (releaseIds.length)
    for (const r of await db.select({ c: releases.currency }).from(releases).where(inArray(releases.id, releaseIds)))
      found.add(r.c);
  if (trackIds.length) {
    const rowsT = await db
      .select({ c: releases.currency })
      .from(tracks)
      .innerJoin(releases, eq(releases.id, tracks.releaseId))
      .where(inArray(tracks.id, trackIds));
    for (const r of rowsT) found.add(r.c);
  }
  if (productIds.length)
    for (const r of await db.select({ c: products.currency }).from(products).where(inArray(products.id, productIds)))
      found.add(r.c);
  return found;
}

/** Changes a line's quantity (physical items) or amount (pay what you want); 0 removes it. */
export async function updateCartItem(
  db: DbOrTx,
  input: { cart: Cart; itemId: string; quantity?: number; customAmount?: number | null },
): Promise<CartResult> {
  const [row] = await db
    .select()
    .from(cartItems)
    .where(and(eq(cartItems.id, input.itemId), eq(cartItems.cartId, input.cart.id)))
    .limit(1);
  if (!row) return { ok: false, error: "not_found" };
  if (input.quantity === 0) {
    await db.delete(cartItems).where(eq(cartItems.id, row.id));
    return { ok: true };
  }
  const [artist] = await db.select().from(artists).where(eq(artists.id, input.cart.artistId)).limit(1);
  const quantity = row.kind === "product" ? (input.quantity ?? row.quantity) : 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY)
    return { ok: false, error: "quantity_invalid" };
  const customAmount = input.customAmount === undefined ? row.customAmount : input.customAmount;
  const sellable = await loadSellable(db, artist, {
    kind: row.kind,
    id: (row.releaseId ?? row.trackId ?? row.productId)!,
    optionId: row.optionId,
    customAmount,
  });
  if (typeof sellable === "string") return { ok: false, error: sellable };
  if (!sellable.price.ok) {
    return sellable.price.reason === "below_minimum"
      ? { ok: false, error: "below_minimum", minimum: sellable.price.minimum }
      : { ok: false, error: "too_large" };
  }
  if (sellable.stock !== null && quantity > sellable.stock) return { ok: false, error: "out_of_stock" };
  await db.update(cartItems).set({ quantity, customAmount }).where(eq(cartItems.id, row.id));
  return { ok: true };
}

/** The fan picks a country: any earlier confirmation was for another choice, so it goes. */
export async function setCartCountry(db: DbOrTx, cart: Cart, country: string | null) {
  await db.update(carts).set({ country, countryConfirmed: null }).where(eq(carts.id, cart.id));
}

/**
 * "I live in Belgium": the fan confirms the country on the cart although the address points
 * elsewhere. Only the country the cart holds can be confirmed (a stale form confirms nothing).
 */
export async function confirmCartCountry(db: DbOrTx, cart: Cart, country: string): Promise<boolean> {
  const confirmed = await db
    .update(carts)
    .set({ countryConfirmed: country })
    .where(and(eq(carts.id, cart.id), eq(carts.country, country)))
    .returning({ id: carts.id });
  return confirmed.length > 0;
}

export async function emptyCart(db: DbOrTx, cartId: string) {
  await db.delete(cartItems).where(eq(cartItems.cartId, cartId));
}

export async function loadPricedCart(
  db: DbOrTx,
  token: string | undefined,
  artist: Artist,
): Promise<PricedCart | null> {
  const cart = await findCart(db, token, artist.id);
  if (!cart) return null;
  return priceCart(db, cart, artist);
}

export type { PricedCart };

/** Units in the fan's cart at this band (for the "View cart" link), 0 without a cart. */
export async function cartItemCount(db: DbOrTx, token: string | undefined, artistId: string): Promise<number> {
  const cart = await findCart(db, token, artistId);
  if (!cart) return 0;
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
    .from(cartItems)
    .where(eq(cartItems.cartId, cart.id));
  return row?.n ?? 0;
}
