import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { createdAt, id, updatedAt } from "./columns";
import { paymentProviderEnum } from "./payments";

export const billingIntervalEnum = pgEnum("billing_interval", ["month", "year"]);
/**
 * A band's Pro subscription: incomplete (checkout opened) → active ⇄ past_due (a renewal failed;
 * Pro is kept until `graceEndsAt`) → canceled (the band is back on Free).
 */
export const planSubscriptionStatusEnum = pgEnum("plan_subscription_status", [
  "incomplete",
  "active",
  "past_due",
  "canceled",
]);

export type BillingInterval = (typeof billingIntervalEnum.enumValues)[number];
export type PlanSubscriptionStatus = (typeof planSubscriptionStatusEnum.enumValues)[number];

/**
 * The operator's settings: one row (id "platform"). A null column means the built-in default
 * (lib/plans/settings.ts): Pro 29 € a year or 3 € a month, Free fee PLATFORM_FEE_PERCENT, Pro fee 0.
 */
export const platformSettings = pgTable(
  "platform_settings",
  {
    id: text("id").primaryKey().default("platform"),
    currency: text("currency"),
    proYearlyAmount: integer("pro_yearly_amount"),
    proMonthlyAmount: integer("pro_monthly_amount"),
    /** Platform fee on sales, in basis points (1000 = 10 %). */
    freeFeeBasisPoints: integer("free_fee_basis_points"),
    proFeeBasisPoints: integer("pro_fee_basis_points"),
    /** How long a gift or prepaid card stays redeemable, in months; null: it never expires (lib/credit/validity.ts). */
    cardValidityMonths: integer("card_validity_months"),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("platform_settings_single_row", sql`${t.id} = 'platform'`),
    check("platform_settings_amounts", sql`${t.proYearlyAmount} > 0 and ${t.proMonthlyAmount} > 0`),
    check(
      "platform_settings_fees",
      sql`${t.freeFeeBasisPoints} between 0 and 5000 and ${t.proFeeBasisPoints} between 0 and 5000`,
    ),
  ],
);

export type PlatformSettings = typeof platformSettings.$inferSelect;

export const planSubscriptions = pgTable(
  "plan_subscriptions",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    provider: paymentProviderEnum("provider").notNull(),
    /** Stripe cus_… / sub_… (or the test provider's ids); null until the checkout completes. */
    providerCustomerId: text("provider_customer_id"),
    providerSubscriptionId: text("provider_subscription_id"),
    /** The subscription checkout session (cs_… or test_…) that started it. */
    providerSessionId: text("provider_session_id"),
    interval: billingIntervalEnum("interval").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    status: planSubscriptionStatusEnum("status").notNull().default("incomplete"),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true, mode: "date" }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    /** First failed renewal of the current run; Pro ends at graceEndsAt unless a payment succeeds. */
    pastDueSince: timestamp("past_due_since", { withTimezone: true, mode: "date" }),
    graceEndsAt: timestamp("grace_ends_at", { withTimezone: true, mode: "date" }),
    canceledAt: timestamp("canceled_at", { withTimezone: true, mode: "date" }),
    /** Provider time of the newest event applied: an older event arriving late changes no state. */
    lastEventAt: timestamp("last_event_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("plan_subscriptions_artist_idx").on(t.artistId),
    // One live subscription per band: a second checkout cannot start while one is open or running.
    uniqueIndex("plan_subscriptions_one_live_idx")
      .on(t.artistId)
      .where(sql`${t.status} in ('active', 'past_due')`),
    uniqueIndex("plan_subscriptions_provider_sub_idx").on(t.providerSubscriptionId),
    uniqueIndex("plan_subscriptions_session_idx").on(t.providerSessionId),
    check("plan_subscriptions_amount_positive", sql`${t.amount} > 0`),
  ],
);

export type PlanSubscription = typeof planSubscriptions.$inferSelect;

export const planInvoiceStatusEnum = pgEnum("plan_invoice_status", ["paid", "failed"]);

/** One row per invoice the provider reports (paid or failed): the subscriptions' revenue. */
export const planInvoices = pgTable(
  "plan_invoices",
  {
    id: id(),
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => planSubscriptions.id, { onDelete: "cascade" }),
    artistId: text("artist_id").notNull(),
    providerInvoiceId: text("provider_invoice_id").notNull(),
    status: planInvoiceStatusEnum("status").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true, mode: "date" }),
    paidAt: timestamp("paid_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("plan_invoices_provider_idx").on(t.providerInvoiceId),
    index("plan_invoices_paid_idx").on(t.paidAt),
    index("plan_invoices_artist_idx").on(t.artistId),
  ],
);

export type PlanInvoice = typeof planInvoices.$inferSelect;
