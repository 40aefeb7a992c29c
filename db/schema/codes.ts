import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { users } from "./auth";
import { releases } from "./catalog";
import { createdAt, id } from "./columns";
import { orders } from "./orders";

/** A printed batch of download codes for one release (the merch table's cards). */
export const downloadCodeBatches = pgTable(
  "download_code_batches",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    label: text("label").notNull().default(""),
    count: integer("count").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("download_code_batches_artist_idx").on(t.artistId)],
);

export type DownloadCodeBatch = typeof downloadCodeBatches.$inferSelect;

/**
 * One code, good once. Kept readable (the band re-prints and exports its batches); the redemption
 * is a conditional update on `redeemedAt is null`, so two fans racing for a code cannot both win.
 */
export const downloadCodes = pgTable(
  "download_codes",
  {
    id: id(),
    batchId: text("batch_id")
      .notNull()
      .references(() => downloadCodeBatches.id, { onDelete: "cascade" }),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    releaseId: text("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    /** Upper-case, without separators (shown grouped, e.g. ABCD-EFGH-JK). */
    code: text("code").notNull(),
    redeemedAt: timestamp("redeemed_at", { withTimezone: true, mode: "date" }),
    redeemedEmail: text("redeemed_email"),
    orderId: text("order_id").references(() => orders.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("download_codes_code_idx").on(t.code), index("download_codes_batch_idx").on(t.batchId)],
);

export type DownloadCode = typeof downloadCodes.$inferSelect;
