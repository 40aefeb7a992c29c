import { sql } from "drizzle-orm";
import {
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
import { createdAt, id, updatedAt } from "./columns";
import { orders } from "./orders";
import { paymentProviderEnum } from "./payments";

/*
 * Stored value: gift cards, fans' balances and sponsors' prepaid credit. Platform money, not a
 * band's. Every change of a balance is one row of `ledger_entries` (append-only, refused by a
 * trigger on UPDATE and DELETE), moving an amount from one account to another, so the ledger
 * always balances. lib/credit is the only writer.
 */

/**
 * Bounded accounts hold value and never go below zero: a fan's balance (per currency and scope),
 * a card not yet redeemed, a sponsor's matching pool, an order's hold while its payment is open.
 * System accounts are the other side of each move; their balance is the sum of their entries.
 */
export const creditAccountKindEnum = pgEnum("credit_account_kind", [
  "fan",
  "card",
  "pool",
  "held",
  "issued",
  "spent",
  "expired",
  "frozen",
]);
export type CreditAccountKind = (typeof creditAccountKindEnum.enumValues)[number];

/** Where a fan's balance may be spent: any band, one band, or under a sponsor program's rules. */
export const creditScopeEnum = pgEnum("credit_scope", ["platform", "artist", "program"]);
export type CreditScope = (typeof creditScopeEnum.enumValues)[number];

export const ledgerKindEnum = pgEnum("ledger_kind", [
  "issue",
  "fund",
  "redeem",
  "match",
  "hold",
  "release",
  "spend",
  "refund",
  "expire",
  "freeze",
]);
export type LedgerKind = (typeof ledgerKindEnum.enumValues)[number];

export const creditAccounts = pgTable(
  "credit_accounts",
  {
    id: id(),
    /** fan:<email>:<CUR>:<scope key> · card:<giftCardId> · pool:<programId> · held:<orderId> · <kind>:<CUR>. */
    key: text("key").notNull(),
    kind: creditAccountKindEnum("kind").notNull(),
    currency: text("currency").notNull(),
    /** Bounded accounts only (the others are null). */
    balance: integer("balance"),
    email: text("email"),
    scope: creditScopeEnum("scope"),
    artistId: text("artist_id").references(() => artists.id, { onDelete: "restrict" }),
    programId: text("program_id"),
    giftCardId: text("gift_card_id"),
    orderId: text("order_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("credit_accounts_key_idx").on(t.key),
    index("credit_accounts_email_idx").on(t.email),
    check(
      "credit_accounts_bounded",
      sql`(${t.kind} in ('fan', 'card', 'pool', 'held')) = (${t.balance} is not null) and coalesce(${t.balance}, 0) >= 0`,
    ),
  ],
);
export type CreditAccount = typeof creditAccounts.$inferSelect;

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: id(),
    kind: ledgerKindEnum("kind").notNull(),
    fromAccountId: text("from_account_id")
      .notNull()
      .references(() => creditAccounts.id, { onDelete: "restrict" }),
    toAccountId: text("to_account_id")
      .notNull()
      .references(() => creditAccounts.id, { onDelete: "restrict" }),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    orderId: text("order_id"),
    giftCardId: text("gift_card_id"),
    programId: text("program_id"),
    purchaseId: text("purchase_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("ledger_entries_from_idx").on(t.fromAccountId),
    index("ledger_entries_to_idx").on(t.toAccountId),
    index("ledger_entries_order_idx").on(t.orderId),
    index("ledger_entries_program_idx").on(t.programId),
    check("ledger_entries_positive", sql`${t.amount} > 0 and ${t.fromAccountId} <> ${t.toAccountId}`),
  ],
);
export type LedgerEntry = typeof ledgerEntries.$inferSelect;

/** Sponsors: a library, school, conservatory, town or label that funds fans' credit. */
export const sponsors = pgTable("sponsors", {
  id: id(),
  name: text("name").notNull(),
  contactEmail: text("contact_email").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type Sponsor = typeof sponsors.$inferSelect;

export const sponsorMembers = pgTable(
  "sponsor_members",
  {
    sponsorId: text("sponsor_id")
      .notNull()
      .references(() => sponsors.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sponsorId, t.userId] }), index("sponsor_members_user_idx").on(t.userId)],
);

/** Rules a sponsor's credit carries wherever it is spent. */
export type CreditRules = {
  /** Only downloads (no CDs, vinyl or shirts). */
  digitalOnly?: boolean;
  /** Only bands based in these countries (ISO alpha-2); empty or absent: anywhere. */
  countries?: string[];
};

export const programKindEnum = pgEnum("program_kind", ["cards", "match"]);
export type ProgramKind = (typeof programKindEnum.enumValues)[number];

/**
 * What a sponsor funds: a batch of prepaid cards (N of X each), or a matching pool ("we add as
 * much as the fan puts in, up to `perFanCap`") for holders of its eligibility codes.
 */
export const sponsorPrograms = pgTable(
  "sponsor_programs",
  {
    id: id(),
    sponsorId: text("sponsor_id")
      .notNull()
      .references(() => sponsors.id, { onDelete: "cascade" }),
    kind: programKindEnum("kind").notNull(),
    label: text("label").notNull().default(""),
    currency: text("currency").notNull(),
    /** Cards: how many and of how much. */
    cardCount: integer("card_count"),
    cardAmount: integer("card_amount"),
    /** Match: the pool's size and the most it adds for one fan. */
    poolAmount: integer("pool_amount"),
    perFanCap: integer("per_fan_cap"),
    rules: jsonb("rules").$type<CreditRules>().notNull().default({}),
    /** After this, the program's credit can no longer be spent (what is left expires). */
    endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }),
    /** pending until its payment is in. */
    status: text("status").notNull().default("pending"),
    purchaseId: text("purchase_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("sponsor_programs_sponsor_idx").on(t.sponsorId)],
);
export type SponsorProgram = typeof sponsorPrograms.$inferSelect;

/** A fan who holds a match program's eligibility code, and how much the pool has added for them. */
export const programMembers = pgTable(
  "program_members",
  {
    programId: text("program_id")
      .notNull()
      .references(() => sponsorPrograms.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    matched: integer("matched").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.email] }), check("program_members_matched", sql`${t.matched} >= 0`)],
);

/** A match program's eligibility codes: each enrols one fan, once. */
export const eligibilityCodes = pgTable(
  "eligibility_codes",
  {
    id: id(),
    programId: text("program_id")
      .notNull()
      .references(() => sponsorPrograms.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    codeSealed: text("code_sealed").notNull(),
    claimedEmail: text("claimed_email"),
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("eligibility_codes_hash_idx").on(t.codeHash),
    index("eligibility_codes_program_idx").on(t.programId),
  ],
);

export const creditPurchaseKindEnum = pgEnum("credit_purchase_kind", [
  "gift_card",
  "top_up",
  "sponsor_cards",
  "sponsor_pool",
]);
export type CreditPurchaseKind = (typeof creditPurchaseKindEnum.enumValues)[number];
export const creditPurchaseStatusEnum = pgEnum("credit_purchase_status", [
  "pending",
  "paid",
  "canceled",
  "refunded",
  "disputed",
]);
export type CreditPurchaseStatus = (typeof creditPurchaseStatusEnum.enumValues)[number];

/** What a gift card's buyer asked for. */
export type GiftDetails = {
  recipientEmail?: string | null;
  recipientName?: string | null;
  senderName?: string | null;
  message?: string | null;
  /** ISO date-time; absent: at once. */
  deliverAt?: string | null;
};

/** A payment for credit, collected by the platform (no band's account), through the same providers as orders. */
export const creditPurchases = pgTable(
  "credit_purchases",
  {
    id: id(),
    kind: creditPurchaseKindEnum("kind").notNull(),
    status: creditPurchaseStatusEnum("status").notNull().default("pending"),
    email: text("email"),
    currency: text("currency").notNull(),
    /** The value bought per card (or the top-up, or the pool) and how many: total = quantity × unitAmount. */
    unitAmount: integer("unit_amount").notNull(),
    quantity: integer("quantity").notNull().default(1),
    total: integer("total").notNull(),
    /** A card for one band only. */
    artistId: text("artist_id").references(() => artists.id, { onDelete: "restrict" }),
    programId: text("program_id"),
    sponsorId: text("sponsor_id").references(() => sponsors.id, { onDelete: "restrict" }),
    gift: jsonb("gift").$type<GiftDetails>(),
    provider: paymentProviderEnum("provider").notNull(),
    providerSessionId: text("provider_session_id"),
    providerPaymentId: text("provider_payment_id"),
    refundedAmount: integer("refunded_amount").notNull().default(0),
    locale: text("locale").notNull().default("en"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("credit_purchases_session_idx").on(t.providerSessionId),
    index("credit_purchases_payment_idx").on(t.providerPaymentId),
    check(
      "credit_purchases_amounts",
      sql`${t.unitAmount} > 0 and ${t.quantity} > 0 and ${t.total} = ${t.unitAmount} * ${t.quantity}`,
    ),
  ],
);
export type CreditPurchase = typeof creditPurchases.$inferSelect;

export const giftCardStatusEnum = pgEnum("gift_card_status", ["active", "redeemed", "frozen", "expired"]);
export type GiftCardStatus = (typeof giftCardStatusEnum.enumValues)[number];

/**
 * A card's code is long and random; only its hash finds it, and it is kept sealed (encrypted with a
 * key derived from AUTH_SECRET) so the buyer's card page and a sponsor's sheet can print it again.
 */
export const giftCards = pgTable(
  "gift_cards",
  {
    id: id(),
    codeHash: text("code_hash").notNull(),
    codeSealed: text("code_sealed").notNull(),
    currency: text("currency").notNull(),
    amount: integer("amount").notNull(),
    scope: creditScopeEnum("scope").notNull(),
    artistId: text("artist_id").references(() => artists.id, { onDelete: "restrict" }),
    programId: text("program_id").references(() => sponsorPrograms.id, { onDelete: "restrict" }),
    purchaseId: text("purchase_id").references(() => creditPurchases.id, { onDelete: "restrict" }),
    status: giftCardStatusEnum("status").notNull().default("active"),
    recipientEmail: text("recipient_email"),
    recipientName: text("recipient_name"),
    senderName: text("sender_name"),
    message: text("message"),
    deliverAt: timestamp("deliver_at", { withTimezone: true, mode: "date" }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "date" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    redeemedEmail: text("redeemed_email"),
    redeemedAt: timestamp("redeemed_at", { withTimezone: true, mode: "date" }),
    frozenAt: timestamp("frozen_at", { withTimezone: true, mode: "date" }),
    /** The buyer's page for the card (print, resend): only its hash is kept here. */
    pageTokenHash: text("page_token_hash"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("gift_cards_code_idx").on(t.codeHash),
    uniqueIndex("gift_cards_page_token_idx").on(t.pageTokenHash),
    index("gift_cards_purchase_idx").on(t.purchaseId),
    index("gift_cards_program_idx").on(t.programId),
    index("gift_cards_delivery_idx")
      .on(t.deliverAt)
      .where(sql`${t.deliveredAt} is null and ${t.recipientEmail} is not null`),
    check("gift_cards_amount", sql`${t.amount} > 0`),
    check(
      "gift_cards_scope",
      sql`(${t.scope} = 'artist') = (${t.artistId} is not null) and (${t.scope} = 'program') = (${t.programId} is not null)`,
    ),
  ],
);
export type GiftCard = typeof giftCards.$inferSelect;

/**
 * The band's share of what credit paid on an order, sent like a card sale's payout: a Stripe
 * transfer to its connected account (offline, the test provider records it as sent).
 */
export const creditPayouts = pgTable(
  "credit_payouts",
  {
    id: id(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "restrict" }),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "restrict" }),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** pending → sent; failed keeps being retried by the chore. */
    status: text("status").notNull().default("pending"),
    /**
     * Which rail sends it, fixed when the sale is made: a Stripe transfer, or the offline test
     * provider's record (never in production). A shop that switches rails never sends the other's.
     */
    provider: paymentProviderEnum("provider").notNull().default("stripe"),
    destinationAccountId: text("destination_account_id"),
    transferId: text("transfer_id"),
    reversedAmount: integer("reversed_amount").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("credit_payouts_order_idx").on(t.orderId),
    check("credit_payouts_amounts", sql`${t.amount} >= 0 and ${t.reversedAmount} between 0 and ${t.amount}`),
  ],
);
export type CreditPayout = typeof creditPayouts.$inferSelect;
