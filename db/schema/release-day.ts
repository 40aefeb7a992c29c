import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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
import { artists } from "./artists";
import { users } from "./auth";
import { billingIntervalEnum, planInvoiceStatusEnum } from "./billing";
import { releases } from "./catalog";
import { createdAt, id, updatedAt } from "./columns";
import { paymentProviderEnum } from "./payments";

/*
 * Release day and the fans who stay (issue 19): follows, the band's news posts and their
 * deliveries, fan subscriptions, wishlists, a fan's profile and whole-collection downloads.
 * A fan is an e-mail address (the library's session is one, confirmed by a magic link).
 */

/** pending: an e-mail-only follow waiting for its confirmation link (double opt-in). */
export const followStatusEnum = pgEnum("follow_status", ["pending", "confirmed"]);

export const follows = pgTable(
  "follows",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    /** Lower-cased. */
    email: text("email").notNull(),
    status: followStatusEnum("status").notNull().default("pending"),
    /**
     * SHA-256 of the confirmation link's token, kept after confirming (a second click says "already
     * following"); null for a library follow and once the fan unfollows (an old link is then void).
     */
    confirmTokenHash: text("confirm_token_hash"),
    confirmSentAt: timestamp("confirm_sent_at", { withTimezone: true, mode: "date" }),
    /** Where the button was: shop, release, widget, library. */
    source: text("source").notNull().default("shop"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, mode: "date" }),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true, mode: "date" }),
    /** Releases out after this moment are still to be told in the fan's next digest. */
    notifiedThrough: timestamp("notified_through", { withTimezone: true, mode: "date" }),
    /** The language the fan followed in: their mails (confirmation, digest) speak it. */
    locale: text("locale").notNull().default("en"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("follows_artist_email_idx").on(t.artistId, t.email),
    index("follows_email_idx").on(t.email),
    uniqueIndex("follows_token_idx").on(t.confirmTokenHash),
  ],
);

export type Follow = typeof follows.$inferSelect;

/** A fan's own settings, keyed by address; a row exists once the fan sets something. */
export const fanProfiles = pgTable(
  "fan_profiles",
  {
    email: text("email").primaryKey(),
    displayName: text("display_name").notNull().default(""),
    /** The public collection page (/fans/<slug>): off by default. */
    collectionPublic: boolean("collection_public").notNull().default(false),
    publicSlug: text("public_slug"),
    /** "Unsubscribe from everything": no follow digests, no news, from any band. */
    mailOffAt: timestamp("mail_off_at", { withTimezone: true, mode: "date" }),
    /** The last new-release digest sent (one a day at most). */
    lastDigestAt: timestamp("last_digest_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("fan_profiles_slug_idx").on(t.publicSlug)],
);

export type FanProfile = typeof fanProfiles.$inferSelect;

export const postAudienceEnum = pgEnum("post_audience", ["everyone", "subscribers"]);
export const postStatusEnum = pgEnum("post_status", ["draft", "published"]);

/** The band's news: shown on its shop page, e-mailed to followers and opted-in buyers once. */
export const posts = pgTable(
  "posts",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    releaseId: text("release_id").references(() => releases.id, { onDelete: "set null" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    /** Plain text with links and images (see lib/news for the accepted markup). */
    body: text("body").notNull().default(""),
    audience: postAudienceEnum("audience").notNull().default("everyone"),
    status: postStatusEnum("status").notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
    /** When the mailing was planned (its deliveries written) and when its last batch ended. */
    sendQueuedAt: timestamp("send_queued_at", { withTimezone: true, mode: "date" }),
    sendFinishedAt: timestamp("send_finished_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("posts_artist_slug_idx").on(t.artistId, t.slug),
    index("posts_artist_published_idx").on(t.artistId, t.publishedAt),
  ],
);

export type Post = typeof posts.$inferSelect;

export const postDeliveryStatusEnum = pgEnum("post_delivery_status", [
  "pending",
  "sending",
  "sent",
  "bounced",
  "skipped",
]);

/** One row per recipient of a post's mailing: the batch job's to-do list and the band's counts. */
export const postDeliveries = pgTable(
  "post_deliveries",
  {
    id: id(),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    artistId: text("artist_id").notNull(),
    email: text("email").notNull(),
    /** Why this fan gets it: follower, buyer (opted in at checkout), subscriber. */
    reason: text("reason").notNull(),
    status: postDeliveryStatusEnum("status").notNull().default("pending"),
    /**
     * claimedAt: a batch took the row (status sending); attemptedAt: its message was handed to the
     * mail server. A row stuck in sending with attemptedAt set may have gone out: it is never sent
     * again (lib/news/mailing.ts, the crash rule).
     */
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }),
    attemptedAt: timestamp("attempted_at", { withTimezone: true, mode: "date" }),
    /** Transient refusals so far (the server said "try later"); the row gives up after a few. */
    attempts: integer("attempts").notNull().default(0),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    error: text("error"),
    /** The fan left through this mail's unsubscribe link. */
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("post_deliveries_post_email_idx").on(t.postId, t.email),
    index("post_deliveries_post_status_idx").on(t.postId, t.status),
  ],
);

export type PostDelivery = typeof postDeliveries.$inferSelect;

/** What a band offers fans who subscribe: one row per band. */
export const subscriptionOffers = pgTable(
  "subscription_offers",
  {
    artistId: text("artist_id")
      .primaryKey()
      .references(() => artists.id, { onDelete: "cascade" }),
    currency: text("currency").notNull(),
    /** Minor units; a null price is not offered. */
    monthlyAmount: integer("monthly_amount"),
    yearlyAmount: integer("yearly_amount"),
    /** Subscribers also get every release out before they joined. */
    backCatalogue: boolean("back_catalogue").notNull().default(false),
    description: text("description").notNull().default(""),
    active: boolean("active").notNull().default(false),
    /** Stripe product and prices on the band's connected account, made when first needed. */
    providerProductId: text("provider_product_id"),
    providerPrices: jsonb("provider_prices").$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("subscription_offers_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check(
      "subscription_offers_amounts",
      sql`(${t.monthlyAmount} is null or ${t.monthlyAmount} > 0) and (${t.yearlyAmount} is null or ${t.yearlyAmount} > 0)`,
    ),
  ],
);

export type SubscriptionOffer = typeof subscriptionOffers.$inferSelect;

/** incomplete (checkout open) → active ⇄ past_due (renewal failed, grace) → canceled. */
export const fanSubscriptionStatusEnum = pgEnum("fan_subscription_status", [
  "incomplete",
  "active",
  "past_due",
  "canceled",
]);

export const fanSubscriptions = pgTable(
  "fan_subscriptions",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    provider: paymentProviderEnum("provider").notNull(),
    providerCustomerId: text("provider_customer_id"),
    providerSubscriptionId: text("provider_subscription_id"),
    providerSessionId: text("provider_session_id"),
    interval: billingIntervalEnum("interval").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** The platform's fee at subscription time (application_fee_percent on Stripe). */
    feeBasisPoints: integer("fee_basis_points").notNull().default(0),
    status: fanSubscriptionStatusEnum("status").notNull().default("incomplete"),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true, mode: "date" }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    pastDueSince: timestamp("past_due_since", { withTimezone: true, mode: "date" }),
    graceEndsAt: timestamp("grace_ends_at", { withTimezone: true, mode: "date" }),
    canceledAt: timestamp("canceled_at", { withTimezone: true, mode: "date" }),
    lastEventAt: timestamp("last_event_at", { withTimezone: true, mode: "date" }),
    locale: text("locale").notNull().default("en"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("fan_subscriptions_artist_idx").on(t.artistId, t.status),
    index("fan_subscriptions_email_idx").on(t.email),
    uniqueIndex("fan_subscriptions_one_live_idx")
      .on(t.artistId, t.email)
      .where(sql`${t.status} in ('active', 'past_due')`),
    uniqueIndex("fan_subscriptions_provider_sub_idx").on(t.providerSubscriptionId),
    uniqueIndex("fan_subscriptions_session_idx").on(t.providerSessionId),
    check("fan_subscriptions_amount_positive", sql`${t.amount} > 0`),
  ],
);

export type FanSubscription = typeof fanSubscriptions.$inferSelect;

/** Every invoice a fan subscription's provider reports: the band's recurring revenue. */
export const fanSubscriptionInvoices = pgTable(
  "fan_subscription_invoices",
  {
    id: id(),
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => fanSubscriptions.id, { onDelete: "cascade" }),
    artistId: text("artist_id").notNull(),
    providerInvoiceId: text("provider_invoice_id").notNull(),
    status: planInvoiceStatusEnum("status").notNull(),
    amount: integer("amount").notNull(),
    feeAmount: integer("fee_amount").notNull().default(0),
    currency: text("currency").notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true, mode: "date" }),
    paidAt: timestamp("paid_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("fan_subscription_invoices_provider_idx").on(t.providerInvoiceId),
    index("fan_subscription_invoices_artist_idx").on(t.artistId, t.paidAt),
  ],
);

export type FanSubscriptionInvoice = typeof fanSubscriptionInvoices.$inferSelect;

/** The heart on release pages and widgets. */
export const wishlistItems = pgTable(
  "wishlist_items",
  {
    email: text("email").notNull(),
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.email, t.releaseId] }), index("wishlist_items_release_idx").on(t.releaseId)],
);

export const collectionExportStatusEnum = pgEnum("collection_export_status", [
  "pending",
  "preparing",
  "ready",
  "failed",
]);

/** "Download my whole collection" in one format: a queued job prepares each release's archive, then mails the links. */
export const collectionExports = pgTable(
  "collection_exports",
  {
    id: id(),
    email: text("email").notNull(),
    format: text("format").notNull(),
    status: collectionExportStatusEnum("status").notNull().default("pending"),
    releaseCount: integer("release_count").notNull().default(0),
    error: text("error"),
    locale: text("locale").notNull().default("en"),
    createdAt: createdAt(),
    readyAt: timestamp("ready_at", { withTimezone: true, mode: "date" }),
    mailedAt: timestamp("mailed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("collection_exports_email_idx").on(t.email, t.createdAt),
    // One export under way per fan: a second request while one runs is refused, not queued twice.
    uniqueIndex("collection_exports_one_running_idx")
      .on(t.email)
      .where(sql`${t.status} in ('pending', 'preparing')`),
  ],
);

export type CollectionExport = typeof collectionExports.$inferSelect;
