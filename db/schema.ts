import { relations, sql } from "drizzle-orm";
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
}));
export const artistMembersRelations = relations(artistMembers, ({ one }) => ({
  artist: one(artists, { fields: [artistMembers.artistId], references: [artists.id] }),
  user: one(users, { fields: [artistMembers.userId], references: [users.id] }),
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
