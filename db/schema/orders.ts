import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { artists, planEnum } from "./artists";
import { users } from "./auth";
import { releases, tracks } from "./catalog";
import { createdAt, id, updatedAt } from "./columns";
import { productOptions, products } from "./merch";
import { paymentProviderEnum } from "./payments";

export const orderStatusEnum = pgEnum("order_status", [
  "pending",
  "paid",
  "canceled",
  "refunded",
  "partially_refunded",
]);
export const orderItemKindEnum = pgEnum("order_item_kind", ["release", "track", "product"]);
export const reservationStatusEnum = pgEnum("reservation_status", ["held", "committed", "released"]);

export type OrderStatus = (typeof orderStatusEnum.enumValues)[number];
export type OrderItemKind = (typeof orderItemKindEnum.enumValues)[number];

/**
 * An order in one of these was paid, and stays counted when refunded (its refunds are
 * subtracted): the band's orders list, its exports and its figures. The stats triggers of
 * migration 0008 write the same list in SQL; tests/integration/sold-statuses.test.ts keeps
 * them in agreement.
 */
export const SOLD_ORDER_STATUSES: readonly OrderStatus[] = ["paid", "partially_refunded", "refunded"];

/** Who owes an order line's VAT: the platform (digital sales to EU/UK consumers), the band (its physical goods), nobody. */
export const vatLiabilityEnum = pgEnum("vat_liability", ["platform", "seller", "none"]);
export type VatLiability = (typeof vatLiabilityEnum.enumValues)[number];
/** Where an order's VAT figures came from: the built-in rate table, Stripe Tax, or no VAT at all. */
export const taxSourceEnum = pgEnum("tax_source", ["table", "stripe", "none"]);
export type TaxSource = (typeof taxSourceEnum.enumValues)[number];

/**
 * The evidence of where a buyer is (EU rules ask for two agreeing pieces): the country of the
 * request's address, the one the fan declared at checkout, the card's country once paid, and
 * whether the fan confirmed a declared country that disagreed with the address.
 */
export type CountryEvidence = {
  ip: string | null;
  declared: string | null;
  card?: string | null;
  /** The fan confirmed `declared` after being told the address pointed elsewhere. */
  confirmed?: boolean;
  /** Which pieces agree on the order's country ("ip+declared", "card+declared", "declared"…). */
  basis: string;
};

/** The band's VAT status as printed on a receipt, copied when the order is made. */
export type SellerVat =
  { status: "not_registered"; mention: string } | { status: "registered"; number: string; rateBasisPoints: number };

export type ShippingAddress = {
  name: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  state?: string;
  country: string;
};

/** "Buy this album as a gift": who receives the order's downloads, when, with which words. */
export type OrderGift = {
  /** null: the buyer prints the gift and hands it over (the link is on their gift page). */
  recipientEmail: string | null;
  recipientName?: string | null;
  senderName?: string | null;
  message?: string | null;
  /** ISO date-time; absent: at once. */
  deliverAt?: string | null;
  /** The calendar day the buyer chose (YYYY-MM-DD, their time zone), as the e-mails state it. */
  deliverOn?: string | null;
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
    /** The band's plan and its fee rate (basis points) when the order was created; never recomputed. */
    plan: planEnum("plan").notNull().default("free"),
    feeBasisPoints: integer("fee_basis_points").notNull().default(0),
    refundedAmount: integer("refunded_amount").notNull().default(0),
    /**
     * Paid from the fan's Merchtable balance (lib/credit), within `total`: the provider charges the
     * rest. An order paid wholly from balance has provider "credit".
     */
    creditAmount: integer("credit_amount").notNull().default(0),
    /** Of `refundedAmount`, what went back to the fan's balance rather than the card. */
    creditRefunded: integer("credit_refunded").notNull().default(0),
    gift: jsonb("gift").$type<OrderGift>(),
    giftDeliveredAt: timestamp("gift_delivered_at", { withTimezone: true, mode: "date" }),
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
    countryEvidence: jsonb("country_evidence").$type<CountryEvidence>(),
    /** The country whose VAT applies to the digital lines (null: none, e.g. a fan outside the EU/UK). */
    vatCountry: text("vat_country"),
    /** That country's rate (basis points: 2000 = 20 %) on the order's date. */
    vatRateBasisPoints: integer("vat_rate_basis_points").notNull().default(0),
    /** VAT included in `total` that the platform owes (digital lines); `tax` is all VAT included. */
    vatPlatform: integer("vat_platform").notNull().default(0),
    /** VAT included in `total` that the band owes (its physical goods and their shipping, if registered). */
    vatSeller: integer("vat_seller").notNull().default(0),
    taxSource: taxSourceEnum("tax_source").notNull().default("none"),
    sellerVat: jsonb("seller_vat").$type<SellerVat>(),
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
    index("orders_paid_idx").on(t.paidAt),
    index("orders_email_idx").on(t.email),
    uniqueIndex("orders_provider_session_idx").on(t.providerSessionId),
    check(
      "orders_amounts_not_negative",
      sql`${t.subtotal} >= 0 and ${t.shipping} >= 0 and ${t.total} >= 0 and ${t.discount} >= 0`,
    ),
    check("orders_refund_within_total", sql`${t.refundedAmount} between 0 and ${t.total}`),
    check(
      "orders_credit_within_total",
      sql`${t.creditAmount} between 0 and ${t.total} and ${t.creditRefunded} between 0 and least(${t.creditAmount}, ${t.refundedAmount})`,
    ),
    check(
      "orders_vat_within_total",
      sql`${t.vatPlatform} >= 0 and ${t.vatSeller} >= 0 and ${t.vatPlatform} + ${t.vatSeller} = ${t.tax} and ${t.tax} <= ${t.total}`,
    ),
    index("orders_vat_country_paid_idx")
      .on(t.vatCountry, t.paidAt)
      .where(sql`${t.vatCountry} is not null`),
  ],
);

export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;

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
    /** What the fan paid for the line (quantity × unit, less its share of a discount), VAT included. */
    grossAmount: integer("gross_amount"),
    vatRateBasisPoints: integer("vat_rate_basis_points").notNull().default(0),
    /** VAT included in `grossAmount`; the lines' VAT sums to the order's `tax` less the shipping's. */
    vatAmount: integer("vat_amount").notNull().default(0),
    vatLiability: vatLiabilityEnum("vat_liability").notNull().default("none"),
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

export type OrderItem = typeof orderItems.$inferSelect;

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
