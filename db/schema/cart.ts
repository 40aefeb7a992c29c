import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { releases, tracks } from "./catalog";
import { createdAt, id, updatedAt } from "./columns";
import { productOptions, products } from "./merch";
import { orderItemKindEnum } from "./orders";

/** A fan's cart with one band, kept on the server; the browser holds only a random token. */
export const carts = pgTable(
  "carts",
  {
    id: id(),
    tokenHash: text("token_hash").notNull(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    /** The fan's country: where a parcel goes, and the country declared for VAT on downloads. */
    country: text("country"),
    /** The fan confirmed `country` after being told their address pointed to another (VAT evidence). */
    countryConfirmed: text("country_confirmed"),
    /** Where the fan came from: "shop", "embed" (with host) or "direct". */
    source: text("source").notNull().default("shop"),
    sourceHost: text("source_host"),
    /** A discount code the fan entered (checked again at every pricing). */
    discountCodeId: text("discount_code_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("carts_token_artist_idx").on(t.tokenHash, t.artistId)],
);

export type Cart = typeof carts.$inferSelect;

export const cartItems = pgTable(
  "cart_items",
  {
    id: id(),
    cartId: text("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    kind: orderItemKindEnum("kind").notNull(),
    releaseId: text("release_id").references(() => releases.id, { onDelete: "cascade" }),
    trackId: text("track_id").references(() => tracks.id, { onDelete: "cascade" }),
    productId: text("product_id").references(() => products.id, { onDelete: "cascade" }),
    optionId: text("option_id").references(() => productOptions.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull().default(1),
    /** The fan's own amount for pay-what-you-want items (checked against the minimum). */
    customAmount: integer("custom_amount"),
    createdAt: createdAt(),
  },
  (t) => [
    index("cart_items_cart_idx").on(t.cartId),
    check("cart_items_quantity_positive", sql`${t.quantity} between 1 and 99`),
    check("cart_items_amount_not_negative", sql`${t.customAmount} is null or ${t.customAmount} >= 0`),
  ],
);

export type CartItem = typeof cartItems.$inferSelect;
