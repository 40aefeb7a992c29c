import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { releases } from "./catalog";
import { createdAt, id, updatedAt } from "./columns";

export const productKindEnum = pgEnum("product_kind", ["cd", "vinyl", "cassette", "shirt", "other"]);
export const shippingZoneEnum = pgEnum("shipping_zone", ["home", "europe", "world", "custom"]);

/** Physical items: CDs, vinyl, shirts… A product tied to a release grants its download. */
export const products = pgTable(
  "products",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    releaseId: text("release_id").references(() => releases.id, { onDelete: "set null" }),
    kind: productKindEnum("kind").notNull().default("cd"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Storage keys of the photos (each re-encoded as `${key}-{1200,600,300}.webp`). */
    photoKeys: jsonb("photo_keys").$type<string[]>().notNull().default([]),
    priceAmount: integer("price_amount").notNull(),
    currency: text("currency").notNull().default("EUR"),
    /** Units left; null = unlimited. Options with their own stock override it. */
    stock: integer("stock"),
    published: boolean("published").notNull().default(false),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("products_artist_idx").on(t.artistId),
    check("products_price_not_negative", sql`${t.priceAmount} >= 0`),
    check("products_stock_not_negative", sql`${t.stock} is null or ${t.stock} >= 0`),
    check("products_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;

/** Variants of a product (sizes, colours), each with its own stock (null = unlimited). */
export const productOptions = pgTable(
  "product_options",
  {
    id: id(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    stock: integer("stock"),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("product_options_product_idx").on(t.productId),
    check("product_options_stock_not_negative", sql`${t.stock} is null or ${t.stock} >= 0`),
  ],
);

export type ProductOption = typeof productOptions.$inferSelect;

/**
 * Shipping by zone. A buyer's country matches the most specific zone: custom list, then home,
 * then Europe, then rest of world. Amounts are in the artist's currency.
 */
export const shippingRates = pgTable(
  "shipping_rates",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    zone: shippingZoneEnum("zone").notNull(),
    label: text("label").notNull().default(""),
    /** ISO alpha-2 codes, for custom zones only. */
    countries: jsonb("countries").$type<string[]>().notNull().default([]),
    firstItem: integer("first_item").notNull(),
    eachExtra: integer("each_extra").notNull().default(0),
    currency: text("currency").notNull().default("EUR"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("shipping_rates_artist_idx").on(t.artistId),
    check("shipping_rates_not_negative", sql`${t.firstItem} >= 0 and ${t.eachExtra} >= 0`),
  ],
);

export type ShippingRate = typeof shippingRates.$inferSelect;
