import { index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { releases } from "./catalog";
import { createdAt, id } from "./columns";

export const reportReasonEnum = pgEnum("report_reason", ["copyright", "abuse", "fraud", "other"]);
export const reportStatusEnum = pgEnum("report_status", ["open", "actioned", "dismissed"]);

export type ReportReason = (typeof reportReasonEnum.enumValues)[number];
export type ReportStatus = (typeof reportStatusEnum.enumValues)[number];

/** A fan's report of a shop or a release (no account needed), handled by an operator. */
export const reports = pgTable(
  "reports",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    releaseId: text("release_id").references(() => releases.id, { onDelete: "set null" }),
    reason: reportReasonEnum("reason").notNull(),
    message: text("message").notNull(),
    /** Optional, to answer the reporter; never shown to the band. */
    email: text("email"),
    status: reportStatusEnum("status").notNull().default("open"),
    resolution: text("resolution"),
    handledById: text("handled_by_id"),
    handledAt: timestamp("handled_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("reports_status_idx").on(t.status, t.createdAt), index("reports_artist_idx").on(t.artistId)],
);

export type Report = typeof reports.$inferSelect;
