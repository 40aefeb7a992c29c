import { sql } from "drizzle-orm";
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
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { createdAt, id, updatedAt } from "./columns";

export const releaseKindEnum = pgEnum("release_kind", ["album", "ep", "single"]);
export const releaseStatusEnum = pgEnum("release_status", ["draft", "published"]);
export const pricingModeEnum = pgEnum("pricing_mode", ["fixed", "pay_what_you_want", "free"]);
export const trackStatusEnum = pgEnum("track_status", ["processing", "ready", "failed"]);
export const streamingModeEnum = pgEnum("streaming_mode", ["full", "clip", "off"]);

export type PricingMode = (typeof pricingModeEnum.enumValues)[number];

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
    /**
     * Release day (issue 19): the moment the release comes out. Published with a releaseAt still to
     * come and no releasedAt, the release is a pre-order (lib/catalog/preorder.ts); the release job
     * sets releasedAt once (lib/release-day). Null: out as soon as it is published.
     */
    releaseAt: timestamp("release_at", { withTimezone: true, mode: "date" }),
    releasedAt: timestamp("released_at", { withTimezone: true, mode: "date" }),
    /**
     * Unlisted: published but off the shop, widgets' shop list and sitemap; its address still
     * works (buyers' links, fans who have it). A downgrade to Free unlists releases past the limit.
     */
    listed: boolean("listed").notNull().default(true),
    /** An operator took the release down (a fan's report): a neutral page, no sales; buyers keep downloads. */
    takenDownAt: timestamp("taken_down_at", { withTimezone: true, mode: "date" }),
    takedownReason: text("takedown_reason"),
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
    index("releases_due_idx")
      .on(t.releaseAt)
      .where(sql`${t.releasedAt} is null and ${t.releaseAt} is not null`),
    check("releases_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("releases_prices_not_negative", sql`${t.priceAmount} >= 0 and ${t.priceMinimum} >= 0`),
  ],
);

export type Release = typeof releases.$inferSelect;
export type NewRelease = typeof releases.$inferInsert;

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
    /**
     * The clip as its own file (the stream's first clipSeconds, cut by ffmpeg), made when the track
     * is set to "clip": a signed URL to object storage cannot stop a range at N seconds (issue 20).
     * `clipKeySeconds` is the length it was cut at; another clipSeconds needs a new one.
     */
    clipKey: text("clip_key"),
    clipSize: integer("clip_size"),
    clipKeySeconds: integer("clip_key_seconds"),
    status: trackStatusEnum("status").notNull().default("processing"),
    statusError: text("status_error"),
    streaming: streamingModeEnum("streaming").notNull().default("full"),
    clipSeconds: integer("clip_seconds").notNull().default(30),
    /** Heard in full and downloadable by buyers before release day (a pre-order's "available now"). */
    preorderAvailable: boolean("preorder_available").notNull().default(false),
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
    check(
      "tracks_price_not_negative",
      sql`(${t.priceAmount} is null or ${t.priceAmount} >= 0) and ${t.priceMinimum} >= 0`,
    ),
  ],
);

export type Track = typeof tracks.$inferSelect;
export type NewTrack = typeof tracks.$inferInsert;

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

export type TrackFile = typeof trackFiles.$inferSelect;
