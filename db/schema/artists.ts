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
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";

export const planEnum = pgEnum("plan", ["free", "pro"]);
export const memberRoleEnum = pgEnum("member_role", ["owner", "member"]);
export const payoutStatusEnum = pgEnum("payout_status", ["none", "pending", "active"]);
/** "suspended": an operator closed the shop (no page, no sale); fans keep their downloads. */
export const artistStatusEnum = pgEnum("artist_status", ["active", "suspended"]);
/** How the shop's banner is laid out; a Pro choice (free shops show "standard"). */
export const bannerLayoutEnum = pgEnum("banner_layout", ["standard", "tall", "none"]);

/** A band's VAT status for what it sells itself (physical goods); digital sales are the platform's. */
export const vatStatusEnum = pgEnum("vat_status", ["not_registered", "registered"]);
export type VatStatus = (typeof vatStatusEnum.enumValues)[number];

export type Plan = (typeof planEnum.enumValues)[number];
export type BannerLayout = (typeof bannerLayoutEnum.enumValues)[number];

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
    /** Changed only through lib/plans (publishing limit, fee, look); subscriptions drive it. */
    plan: planEnum("plan").notNull().default("free"),
    bannerLayout: bannerLayoutEnum("banner_layout").notNull().default("standard"),
    status: artistStatusEnum("status").notNull().default("active"),
    suspendedAt: timestamp("suspended_at", { withTimezone: true, mode: "date" }),
    /** The operator's reason, shown to the band (never to fans: they see a neutral page). */
    suspendedReason: text("suspended_reason"),
    payoutAccountId: text("payout_account_id"),
    /** Stripe Connect state: none → pending (onboarding started) → active (charges enabled). */
    payoutStatus: payoutStatusEnum("payout_status").notNull().default("none"),
    /** ISO 3166 alpha-2 country the band ships from ("home" shipping zone). */
    country: text("country"),
    /** IANA zone the band's figures are cut into days by (checked against the database's zone list). */
    timeZone: text("time_zone").notNull().default("UTC"),
    vatStatus: vatStatusEnum("vat_status").notNull().default("not_registered"),
    /** With "registered": the band's VAT number (format checked in lib/vat) and the rate it charges. */
    vatNumber: text("vat_number"),
    vatRateBasisPoints: integer("vat_rate_basis_points"),
    /** With "not_registered": the legal mention printed on receipts (e.g. the French franchise's). */
    vatMention: text("vat_mention"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("artists_slug_idx").on(t.slug),
    index("artists_name_idx").on(sql`lower(${t.name})`),
    index("artists_created_idx").on(t.createdAt),
    check("artists_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export type Artist = typeof artists.$inferSelect;
export type NewArtist = typeof artists.$inferInsert;

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

export type ArtistMember = typeof artistMembers.$inferSelect;
export type MemberRole = (typeof memberRoleEnum.enumValues)[number];

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

export type ArtistInvite = typeof artistInvites.$inferSelect;
