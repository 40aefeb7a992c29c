import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { releases, tracks } from "./catalog";
import { id } from "./columns";

export const playOutcomeEnum = pgEnum("play_outcome", ["complete", "partial", "skip"]);

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
    uniqueIndex("plays_track_listen_idx")
      .on(t.trackId, t.listenId)
      .where(sql`${t.listenId} is not null`),
    index("plays_track_idx").on(t.trackId),
    check("plays_seconds_not_negative", sql`${t.secondsListened} >= 0`),
  ],
);

export type Play = typeof plays.$inferSelect;
