import { pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { createdAt, id } from "./columns";

/** Fans who asked for news from a band (free downloads, checkouts), with their consent date. */
export const subscribers = pgTable(
  "subscribers",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    source: text("source").notNull(),
    consentAt: timestamp("consent_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("subscribers_artist_email_idx").on(t.artistId, t.email)],
);

export type Subscriber = typeof subscribers.$inferSelect;
