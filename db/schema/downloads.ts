import { bigint, index, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { releases, tracks } from "./catalog";
import { createdAt, id } from "./columns";
import { orders } from "./orders";
import { fanSubscriptions } from "./release-day";

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
    /** A fan subscription's one grant: each release out while it is live is added to it (lib/fan-subscriptions). */
    fanSubscriptionId: text("fan_subscription_id").references(() => fanSubscriptions.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("download_grants_token_idx").on(t.tokenHash),
    uniqueIndex("download_grants_order_idx").on(t.orderId),
    uniqueIndex("download_grants_fan_subscription_idx").on(t.fanSubscriptionId),
    index("download_grants_email_idx").on(t.email),
  ],
);

export type DownloadGrant = typeof downloadGrants.$inferSelect;

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

export const archiveStatusEnum = pgEnum("archive_status", ["preparing", "ready", "failed"]);

/**
 * An album's zip in one format, made once and stored as an object with its size (issue 20), so it
 * is served like any file: real Content-Length, resumable ranges, a signed URL to object storage.
 * `version` digests what goes in (tracks, their files and names, the artwork): a change of any of
 * them asks for a new archive, and the old ones are deleted with their objects.
 */
export const preparedArchives = pgTable(
  "prepared_archives",
  {
    id: id(),
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    format: text("format").notNull(),
    version: text("version").notNull(),
    key: text("key").notNull(),
    size: bigint("size", { mode: "number" }),
    status: archiveStatusEnum("status").notNull().default("preparing"),
    error: text("error"),
    createdAt: createdAt(),
    readyAt: timestamp("ready_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("prepared_archives_version_idx").on(t.releaseId, t.format, t.version)],
);

export type PreparedArchive = typeof preparedArchives.$inferSelect;
