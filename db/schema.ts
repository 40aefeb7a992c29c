import { relations, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { AdapterAccountType } from "@auth/core/adapters";

const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

// ---------------------------------------------------------------- Auth.js tables
// Column names follow the Auth.js Drizzle adapter's expectations (camelCase keys).

export const users = pgTable(
  "users",
  {
    id: id(),
    name: text("name"),
    email: text("email").notNull(),
    emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
    image: text("image"),
    passwordHash: text("password_hash"),
    locale: text("locale"),
    /** Carried in every session cookie; raising it (reset, sign out everywhere, removal from a band) ends them all. */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`)],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId)],
);

// ---------------------------------------------------------------- Artists

export const planEnum = pgEnum("plan", ["free", "pro"]);
export const memberRoleEnum = pgEnum("member_role", ["owner", "member"]);
export const payoutStatusEnum = pgEnum("payout_status", ["none", "pending", "active"]);

export type ArtistLink = { label: string; url: string };

export const artists = pgTable(
  "artists",
  {
    id: id(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    bio: text("bio").notNull().default(""),
    location: text("location").notNull().default(""),
    links: jsonb("links").$type<ArtistLink[]>().notNull().default([]),
    avatarKey: text("avatar_key"),
    bannerKey: text("banner_key"),
    currency: text("currency").notNull().default("EUR"),
    accentColor: text("accent_color").notNull().default("#b4442c"),
    plan: planEnum("plan").notNull().default("free"),
    payoutAccountId: text("payout_account_id"),
    /** Stripe Connect state: none → pending (onboarding started) → active (charges enabled). */
    payoutStatus: payoutStatusEnum("payout_status").notNull().default("none"),
    /** ISO 3166 alpha-2 country the band ships from ("home" shipping zone). */
    country: text("country"),
    /** IANA zone the band's figures are cut into days by (checked against the database's zone list). */
    timeZone: text("time_zone").notNull().default("UTC"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("artists_slug_idx").on(t.slug),
    check("artists_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const artistMembers = pgTable(
  "artist_members",
  {
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: memberRoleEnum("role").notNull().default("member"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.artistId, t.userId] }), index("artist_members_user_idx").on(t.userId)],
);

export const artistInvites = pgTable(
  "artist_invites",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: memberRoleEnum("role").notNull().default("member"),
    tokenHash: text("token_hash").notNull(),
    invitedById: text("invited_by_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    acceptedById: text("accepted_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("artist_invites_token_idx").on(t.tokenHash), index("artist_invites_artist_idx").on(t.artistId)],
);


// ---------------------------------------------------------------- Catalogue and audio

export const releaseKindEnum = pgEnum("release_kind", ["album", "ep", "single"]);
export const releaseStatusEnum = pgEnum("release_status", ["draft", "published"]);
export const pricingModeEnum = pgEnum("pricing_mode", ["fixed", "pay_what_you_want", "free"]);
export const trackStatusEnum = pgEnum("track_status", ["processing", "ready", "failed"]);
export const streamingModeEnum = pgEnum("streaming_mode", ["full", "clip", "off"]);
export const playOutcomeEnum = pgEnum("play_outcome", ["complete", "partial", "skip"]);

/** Money is always integer minor units (cents) plus an ISO currency. */
export const releases = pgTable(
  "releases",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    kind: releaseKindEnum("kind").notNull().default("album"),
    releaseDate: date("release_date", { mode: "string" }),
    artworkKey: text("artwork_key"),
    description: text("description").notNull().default(""),
    credits: text("credits").notNull().default(""),
    catalogNumber: text("catalog_number").notNull().default(""),
    status: releaseStatusEnum("status").notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
    pricingMode: pricingModeEnum("pricing_mode").notNull().default("fixed"),
    /** Fixed price, or the suggested amount when pay-what-you-want; null = no price set yet (cannot be published). */
    priceAmount: integer("price_amount"),
    priceMinimum: integer("price_minimum").notNull().default(0),
    currency: text("currency").notNull().default("EUR"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("releases_artist_slug_idx").on(t.artistId, t.slug),
    index("releases_artist_status_idx").on(t.artistId, t.status),
    check("releases_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("releases_prices_not_negative", sql`${t.priceAmount} >= 0 and ${t.priceMinimum} >= 0`),
  ],
);

/** Audio facts read from the master (music-metadata / ffprobe). */
export type MasterInfo = {
  container: string; // wav | flac | aiff | alac | mp3
  lossless: boolean;
  sampleRate: number | null;
  bitsPerSample: number | null;
  channels: number | null;
  bitrate: number | null;
};

export const tracks = pgTable(
  "tracks",
  {
    id: id(),
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    /** Denormalised from the release so every scope check is one comparison. */
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    lyrics: text("lyrics").notNull().default(""),
    isrc: text("isrc").notNull().default(""),
    durationMs: integer("duration_ms"),
    /** Original upload, never served to fans as is. */
    masterKey: text("master_key").notNull(),
    masterFilename: text("master_filename").notNull().default(""),
    masterSize: bigint("master_size", { mode: "number" }).notNull().default(0),
    master: jsonb("master").$type<MasterInfo>(),
    /** Streaming rendition (MP3 128k CBR) and the waveform drawn by the player. */
    streamKey: text("stream_key"),
    streamSize: integer("stream_size"),
    peaks: jsonb("peaks").$type<number[]>(),
    status: trackStatusEnum("status").notNull().default("processing"),
    statusError: text("status_error"),
    streaming: streamingModeEnum("streaming").notNull().default("full"),
    clipSeconds: integer("clip_seconds").notNull().default(30),
    /** How the single track is sold; null = not sold on its own. Currency is the release's. */
    pricingMode: pricingModeEnum("pricing_mode"),
    /** Fixed price, or the suggested amount when pay-what-you-want; null with "fixed" = no price set yet. */
    priceAmount: integer("price_amount"),
    priceMinimum: integer("price_minimum").notNull().default(0),
    /**
     * Where a track picked with others belongs among them, fixed when the upload started
     * (lib/catalog/upload-order.ts), so conversion finishing out of order cannot reorder them.
     */
    uploadOrder: text("upload_order"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("tracks_release_position_idx").on(t.releaseId, t.position),
    index("tracks_artist_idx").on(t.artistId),
    check("tracks_clip_positive", sql`${t.clipSeconds} > 0`),
    check("tracks_price_not_negative", sql`(${t.priceAmount} is null or ${t.priceAmount} >= 0) and ${t.priceMinimum} >= 0`),
  ],
);

/** Download renditions made on first request and kept (cache). */
export const trackFiles = pgTable(
  "track_files",
  {
    id: id(),
    trackId: text("track_id")
      .notNull()
      .references(() => tracks.id, { onDelete: "cascade" }),
    format: text("format").notNull(),
    key: text("key").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("track_files_track_format_idx").on(t.trackId, t.format)],
);

/**
 * One row per listen reported by a player. No listener identity in clear: `listenerHash` is a
 * keyed hash of address + browser that changes daily (counts unique listeners, tracks nobody).
 */
export const plays = pgTable(
  "plays",
  {
    id: id(),
    trackId: text("track_id")
      .notNull()
      .references(() => tracks.id, { onDelete: "cascade" }),
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    playedAt: timestamp("played_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    secondsListened: integer("seconds_listened").notNull(),
    outcome: playOutcomeEnum("outcome").notNull(),
    /** "shop" (the band's pages on Merchtable) or "embed". */
    source: text("source").notNull().default("shop"),
    /** Host of the site that embedded the player, for embeds. */
    sourceHost: text("source_host"),
    country: text("country"),
    listenerHash: text("listener_hash"),
    isClip: boolean("is_clip").notNull().default(false),
    /** Random id the player gives one listen; its later reports upgrade this row (null: reported once, at its end). */
    listenId: text("listen_id"),
  },
  (t) => [
    index("plays_artist_time_idx").on(t.artistId, t.playedAt),
    uniqueIndex("plays_track_listen_idx").on(t.trackId, t.listenId).where(sql`${t.listenId} is not null`),
    index("plays_track_idx").on(t.trackId),
    check("plays_seconds_not_negative", sql`${t.secondsListened} >= 0`),
  ],
);

// ---------------------------------------------------------------- Selling

export const productKindEnum = pgEnum("product_kind", ["cd", "vinyl", "cassette", "shirt", "other"]);
export const shippingZoneEnum = pgEnum("shipping_zone", ["home", "europe", "world", "custom"]);
export const orderStatusEnum = pgEnum("order_status", ["pending", "paid", "canceled", "refunded", "partially_refunded"]);
export const orderItemKindEnum = pgEnum("order_item_kind", ["release", "track", "product"]);
export const reservationStatusEnum = pgEnum("reservation_status", ["held", "committed", "released"]);
/** "code": a download code redeemed at the merch table (no payment, counted in the stats). */
export const paymentProviderEnum = pgEnum("payment_provider", ["stripe", "test", "free", "code"]);

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

/** A fan's cart with one band, kept on the server; the browser holds only a random token. */
export const carts = pgTable(
  "carts",
  {
    id: id(),
    tokenHash: text("token_hash").notNull(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    country: text("country"),
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

export type ShippingAddress = {
  name: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  state?: string;
  country: string;
};

export const orders = pgTable(
  "orders",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "restrict" }),
    status: orderStatusEnum("status").notNull().default("pending"),
    email: text("email"),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    currency: text("currency").notNull(),
    subtotal: integer("subtotal").notNull(),
    shipping: integer("shipping").notNull().default(0),
    discount: integer("discount").notNull().default(0),
    tax: integer("tax").notNull().default(0),
    total: integer("total").notNull(),
    platformFee: integer("platform_fee").notNull().default(0),
    refundedAmount: integer("refunded_amount").notNull().default(0),
    provider: paymentProviderEnum("provider").notNull(),
    /** Checkout session id at the provider (Stripe cs_…, or the test payment id). */
    providerSessionId: text("provider_session_id"),
    /** Payment reference once paid (Stripe PaymentIntent pi_…). */
    providerPaymentId: text("provider_payment_id"),
    /** Connected account the money goes to (Stripe acct_…), fixed when checkout starts. */
    destinationAccountId: text("destination_account_id"),
    needsShipping: boolean("needs_shipping").notNull().default(false),
    shippingAddress: jsonb("shipping_address").$type<ShippingAddress>(),
    buyerCountry: text("buyer_country"),
    /** Discount code applied (its amount is in `discount`, never on shipping). */
    discountCodeId: text("discount_code_id"),
    source: text("source").notNull().default("shop"),
    sourceHost: text("source_host"),
    /** The fan asked to hear from the band (stored as a subscriber once paid). */
    subscribe: boolean("subscribe").notNull().default(false),
    locale: text("locale").notNull().default("en"),
    /** The cart emptied once this order is paid (no foreign key: carts are disposable). */
    cartId: text("cart_id"),
    /**
     * The download page's token, encrypted with a key derived from AUTH_SECRET, so the success
     * page can send the fan straight to it; the grant itself keeps only the token's hash.
     */
    downloadTokenSealed: text("download_token_sealed"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true, mode: "date" }),
    canceledAt: timestamp("canceled_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("orders_artist_created_idx").on(t.artistId, t.createdAt),
    index("orders_artist_paid_idx").on(t.artistId, t.paidAt),
    index("orders_email_idx").on(t.email),
    uniqueIndex("orders_provider_session_idx").on(t.providerSessionId),
    check("orders_amounts_not_negative", sql`${t.subtotal} >= 0 and ${t.shipping} >= 0 and ${t.total} >= 0 and ${t.discount} >= 0`),
    check("orders_refund_within_total", sql`${t.refundedAmount} between 0 and ${t.total}`),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: id(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    kind: orderItemKindEnum("kind").notNull(),
    releaseId: text("release_id").references(() => releases.id, { onDelete: "set null" }),
    trackId: text("track_id").references(() => tracks.id, { onDelete: "set null" }),
    productId: text("product_id").references(() => products.id, { onDelete: "set null" }),
    optionId: text("option_id").references(() => productOptions.id, { onDelete: "set null" }),
    /** Snapshot shown on receipts even if the band renames or deletes the item later. */
    title: text("title").notNull(),
    optionLabel: text("option_label"),
    quantity: integer("quantity").notNull().default(1),
    unitAmount: integer("unit_amount").notNull(),
    currency: text("currency").notNull(),
    shippedAt: timestamp("shipped_at", { withTimezone: true, mode: "date" }),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    createdAt: createdAt(),
  },
  (t) => [
    index("order_items_order_idx").on(t.orderId),
    check("order_items_amount_not_negative", sql`${t.unitAmount} >= 0 and ${t.quantity} > 0`),
  ],
);

/** Units taken from stock for a pending checkout: committed when paid, put back if not. */
export const stockReservations = pgTable(
  "stock_reservations",
  {
    id: id(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: text("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    optionId: text("option_id").references(() => productOptions.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    status: reservationStatusEnum("status").notNull().default("held"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("stock_reservations_order_idx").on(t.orderId)],
);

/**
 * A fan's right to download: one per paid order (or redeemed code), reached at
 * /download/<token>. Only the token's SHA-256 is stored.
 */
export const downloadGrants = pgTable(
  "download_grants",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    orderId: text("order_id").references(() => orders.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("download_grants_token_idx").on(t.tokenHash),
    uniqueIndex("download_grants_order_idx").on(t.orderId),
    index("download_grants_email_idx").on(t.email),
  ],
);

/** What a grant opens: a whole release, or one track of it. */
export const downloadGrantItems = pgTable(
  "download_grant_items",
  {
    id: id(),
    grantId: text("grant_id")
      .notNull()
      .references(() => downloadGrants.id, { onDelete: "cascade" }),
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    trackId: text("track_id").references(() => tracks.id, { onDelete: "cascade" }),
  },
  (t) => [index("download_grant_items_grant_idx").on(t.grantId)],
);

/**
 * Single-use sign-in links to a fan's library (all their download grants). Only the token's
 * SHA-256 is stored; the link lives one hour and is spent on first use.
 */
export const libraryLoginTokens = pgTable(
  "library_login_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("library_login_tokens_email_idx").on(t.email)],
);

/** Provider events already applied: the insert shares the transaction of the event's effect. */
export const paymentEvents = pgTable("payment_events", {
  id: text("id").primaryKey(),
  provider: paymentProviderEnum("provider").notNull(),
  type: text("type").notNull(),
  createdAt: createdAt(),
});

/** Fans who asked for news from a band (free downloads, checkouts), with their consent date. */
export const subscribers = pgTable(
  "subscribers",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    source: text("source").notNull(),
    consentAt: timestamp("consent_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("subscribers_artist_email_idx").on(t.artistId, t.email)],
);

/** Mail written inside a transaction (receipts, notices) and delivered after it commits. */
export const emailQueue = pgTable(
  "email_queue",
  {
    id: id(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** Why it was sent, e.g. "receipt:<orderId>"; unique so a retried effect never mails twice. */
    dedupeKey: text("dedupe_key").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** Failed sends wait longer each time (lib/email/queue.ts), so an SMTP outage does not burn the attempts. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_queue_dedupe_idx").on(t.dedupeKey), index("email_queue_pending_idx").on(t.sentAt)],
);

// ---------------------------------------------------------------- Platform plumbing

/** Mail kept in the database when no SMTP server is configured; shown at /dev/mail. */
export const outboxEmails = pgTable(
  "outbox_emails",
  {
    id: id(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_emails_created_idx").on(t.createdAt)],
);

/** Fixed-window counters shared by every app instance (sign-in attempts, code guesses…). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
  count: integer("count").notNull(),
});

// ---------------------------------------------------------------- Relations

export const usersRelations = relations(users, ({ many }) => ({ memberships: many(artistMembers) }));
export const artistsRelations = relations(artists, ({ many }) => ({
  members: many(artistMembers),
  invites: many(artistInvites),
  releases: many(releases),
}));
export const releasesRelations = relations(releases, ({ one, many }) => ({
  artist: one(artists, { fields: [releases.artistId], references: [artists.id] }),
  tracks: many(tracks),
}));
export const tracksRelations = relations(tracks, ({ one, many }) => ({
  release: one(releases, { fields: [tracks.releaseId], references: [releases.id] }),
  files: many(trackFiles),
}));
export const trackFilesRelations = relations(trackFiles, ({ one }) => ({
  track: one(tracks, { fields: [trackFiles.trackId], references: [tracks.id] }),
}));
export const artistMembersRelations = relations(artistMembers, ({ one }) => ({
  artist: one(artists, { fields: [artistMembers.artistId], references: [artists.id] }),
  user: one(users, { fields: [artistMembers.userId], references: [users.id] }),
}));
export const ordersRelations = relations(orders, ({ one, many }) => ({
  artist: one(artists, { fields: [orders.artistId], references: [artists.id] }),
  items: many(orderItems),
}));
export const orderItemsRelations = relations(orderItems, ({ one }) => ({
  order: one(orders, { fields: [orderItems.orderId], references: [orders.id] }),
}));
export const productsRelations = relations(products, ({ one, many }) => ({
  artist: one(artists, { fields: [products.artistId], references: [artists.id] }),
  release: one(releases, { fields: [products.releaseId], references: [releases.id] }),
  options: many(productOptions),
}));
export const productOptionsRelations = relations(productOptions, ({ one }) => ({
  product: one(products, { fields: [productOptions.productId], references: [products.id] }),
}));
export const artistInvitesRelations = relations(artistInvites, ({ one }) => ({
  artist: one(artists, { fields: [artistInvites.artistId], references: [artists.id] }),
}));

// ---------------------------------------------------------------- Types

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Artist = typeof artists.$inferSelect;
export type NewArtist = typeof artists.$inferInsert;
export type ArtistMember = typeof artistMembers.$inferSelect;
export type MemberRole = (typeof memberRoleEnum.enumValues)[number];
export type ArtistInvite = typeof artistInvites.$inferSelect;
export type OutboxEmail = typeof outboxEmails.$inferSelect;
export type Release = typeof releases.$inferSelect;
export type NewRelease = typeof releases.$inferInsert;
export type Track = typeof tracks.$inferSelect;
export type NewTrack = typeof tracks.$inferInsert;
export type TrackFile = typeof trackFiles.$inferSelect;
export type Play = typeof plays.$inferSelect;
export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
export type ProductOption = typeof productOptions.$inferSelect;
export type ShippingRate = typeof shippingRates.$inferSelect;
export type Cart = typeof carts.$inferSelect;
export type CartItem = typeof cartItems.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type OrderItem = typeof orderItems.$inferSelect;
export type OrderStatus = (typeof orderStatusEnum.enumValues)[number];
export type OrderItemKind = (typeof orderItemKindEnum.enumValues)[number];
export type PricingMode = (typeof pricingModeEnum.enumValues)[number];
export type DownloadGrant = typeof downloadGrants.$inferSelect;
export type Subscriber = typeof subscribers.$inferSelect;

// ---------------------------------------------------------------- Codes

/** A printed batch of download codes for one release (the merch table's cards). */
export const downloadCodeBatches = pgTable(
  "download_code_batches",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    label: text("label").notNull().default(""),
    count: integer("count").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("download_code_batches_artist_idx").on(t.artistId)],
);

/**
 * One code, good once. Kept readable (the band re-prints and exports its batches); the redemption
 * is a conditional update on `redeemedAt is null`, so two fans racing for a code cannot both win.
 */
export const downloadCodes = pgTable(
  "download_codes",
  {
    id: id(),
    batchId: text("batch_id")
      .notNull()
      .references(() => downloadCodeBatches.id, { onDelete: "cascade" }),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    /** Upper-case, without separators (shown grouped, e.g. ABCD-EFGH-JK). */
    code: text("code").notNull(),
    redeemedAt: timestamp("redeemed_at", { withTimezone: true, mode: "date" }),
    redeemedEmail: text("redeemed_email"),
    orderId: text("order_id").references(() => orders.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("download_codes_code_idx").on(t.code), index("download_codes_batch_idx").on(t.batchId)],
);

export const discountKindEnum = pgEnum("discount_kind", ["percent", "fixed"]);
export const discountScopeEnum = pgEnum("discount_scope", ["all", "digital", "physical", "item"]);

/** A band's discount code: percent or fixed amount, on everything, digital, physical or one item; never on shipping. */
export const discountCodes = pgTable(
  "discount_codes",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    /** Upper-case; unique per band. */
    code: text("code").notNull(),
    kind: discountKindEnum("kind").notNull(),
    /** Percent (1–100) or minor units of `currency`. */
    amount: integer("amount").notNull(),
    currency: text("currency"),
    scope: discountScopeEnum("scope").notNull().default("all"),
    itemKind: orderItemKindEnum("item_kind"),
    itemId: text("item_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    usageLimit: integer("usage_limit"),
    /** Uses claimed by orders waiting for payment or paid (raised when the order is created, lowered when it is canceled). */
    usedCount: integer("used_count").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("discount_codes_artist_code_idx").on(t.artistId, t.code),
    check("discount_codes_amount_positive", sql`${t.amount} > 0`),
    check("discount_codes_used_within_limit", sql`${t.usageLimit} is null or ${t.usedCount} <= ${t.usageLimit}`),
  ],
);

export type DownloadCodeBatch = typeof downloadCodeBatches.$inferSelect;
export type DownloadCode = typeof downloadCodes.$inferSelect;
export type DiscountCode = typeof discountCodes.$inferSelect;

// ---------------------------------------------------------------- Daily figures

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
