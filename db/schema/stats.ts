import { bigint, date, integer, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { artists } from "./artists";

/*
 * The dashboard reads these, never the raw orders and plays: one row per band, day (in the
 * band's time zone) and breakdown key. Triggers in migration 0008 keep them exact — an order
 * counts from the commit that makes it paid until forever (refunds adjust it), a play from its
 * insert — and `stats_rebuild(artist)` recomputes a band from the raw rows (time-zone change,
 * bulk loads). Empty keys are "" rather than null so they can be part of the primary key.
 */
const artistRef = () =>
  text("artist_id")
    .notNull()
    .references(() => artists.id, { onDelete: "cascade" });
const day = () => date("day", { mode: "string" }).notNull();
const count = (name: string) => integer(name).notNull().default(0);
const money = (name: string) => bigint(name, { mode: "number" }).notNull().default(0);

/**
 * The day's totals per currency and kind: "sale", "free" (free downloads), "code" (redeemed
 * download codes) — and "play", whose row has currency "" (plays have none).
 */
export const statsDaily = pgTable(
  "stats_daily",
  {
    artistId: artistRef(),
    day: day(),
    currency: text("currency").notNull(),
    kind: text("kind").notNull(),
    orders: count("orders"),
    units: count("units"),
    gross: money("gross"),
    fees: money("fees"),
    refunds: money("refunds"),
    plays: count("plays"),
  },
  (t) => [primaryKey({ columns: [t.artistId, t.day, t.currency, t.kind] })],
);

/** Paid orders (net = total − fee − refunds) and plays (currency "") by buyer's or listener's country ("" unknown). */
export const statsCountriesDaily = pgTable(
  "stats_countries_daily",
  {
    artistId: artistRef(),
    day: day(),
    country: text("country").notNull(),
    currency: text("currency").notNull(),
    orders: count("orders"),
    net: money("net"),
    plays: count("plays"),
  },
  (t) => [primaryKey({ columns: [t.artistId, t.day, t.country, t.currency] })],
);

/**
 * Every counted order (net as above) and plays (currency "") by source — "shop", "embed" (with
 * the embedding site's host), "code", "direct" — the host "" for all but embeds.
 */
export const statsSourcesDaily = pgTable(
  "stats_sources_daily",
  {
    artistId: artistRef(),
    day: day(),
    source: text("source").notNull(),
    sourceHost: text("source_host").notNull(),
    currency: text("currency").notNull(),
    orders: count("orders"),
    net: money("net"),
    plays: count("plays"),
  },
  (t) => [primaryKey({ columns: [t.artistId, t.day, t.source, t.sourceHost, t.currency] })],
);

/** Item sales by release (an album and its single tracks together) or merch item; `orders` counts each order once. */
export const statsItemsDaily = pgTable(
  "stats_items_daily",
  {
    artistId: artistRef(),
    day: day(),
    currency: text("currency").notNull(),
    itemKind: text("item_kind").notNull(),
    itemId: text("item_id").notNull().default(""),
    /** The latest title sold, shown if the release or item is deleted later. */
    title: text("title").notNull().default(""),
    orders: count("orders"),
    units: count("units"),
    amount: money("amount"),
  },
  (t) => [primaryKey({ columns: [t.artistId, t.day, t.currency, t.itemKind, t.itemId] })],
);

/** Item sales by format: "album", "track", "physical", "free". */
export const statsFormatsDaily = pgTable(
  "stats_formats_daily",
  {
    artistId: artistRef(),
    day: day(),
    currency: text("currency").notNull(),
    format: text("format").notNull(),
    orders: count("orders"),
    units: count("units"),
    amount: money("amount"),
  },
  (t) => [primaryKey({ columns: [t.artistId, t.day, t.currency, t.format] })],
);

/** Plays per track split by outcome. */
export const statsPlaysDaily = pgTable(
  "stats_plays_daily",
  {
    artistId: artistRef(),
    day: day(),
    trackId: text("track_id").notNull(),
    complete: count("complete"),
    partial: count("partial"),
    skip: count("skip"),
  },
  (t) => [primaryKey({ columns: [t.artistId, t.day, t.trackId] })],
);

/**
 * What the platform earned per UTC day and currency: sale fees net of their refunded share, and
 * Pro invoices paid — the operator's revenue page reads it instead of every order. Triggers of
 * migration 0020 keep it exact; `platform_revenue_rebuild()` recomputes it (bulk loads). Each
 * change lands in one of 8 slots (by order or invoice id), so payments of different bands on
 * the same day do not all queue for one row's lock.
 */
export const platformRevenueDaily = pgTable(
  "platform_revenue_daily",
  {
    day: day(),
    currency: text("currency").notNull(),
    slot: smallint("slot").notNull(),
    fees: money("fees"),
    subscriptions: money("subscriptions"),
  },
  (t) => [primaryKey({ columns: [t.day, t.currency, t.slot] })],
);
