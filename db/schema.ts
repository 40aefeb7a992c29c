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
    priceAmount: integer("price_amount").notNull().default(0),
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
    /** Price of the single track; null = not sold alone. */
    priceAmount: integer("price_amount"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("tracks_release_position_idx").on(t.releaseId, t.position),
    index("tracks_artist_idx").on(t.artistId),
    check("tracks_clip_positive", sql`${t.clipSeconds} > 0`),
    check("tracks_price_not_negative", sql`${t.priceAmount} is null or ${t.priceAmount} >= 0`),
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
  },
  (t) => [
    index("plays_artist_time_idx").on(t.artistId, t.playedAt),
    index("plays_track_idx").on(t.trackId),
    check("plays_seconds_not_negative", sql`${t.secondsListened} >= 0`),
  ],
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
