import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/** Mail written inside a transaction (receipts, notices) and delivered after it commits. */
export const emailQueue = pgTable(
  "email_queue",
  {
    id: id(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** Why it was sent, e.g. "receipt:<orderId>"; unique so a retried effect never mails twice. */
    dedupeKey: text("dedupe_key").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** Failed sends wait longer each time (lib/email/queue.ts), so an SMTP outage does not burn the attempts. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_queue_dedupe_idx").on(t.dedupeKey), index("email_queue_pending_idx").on(t.sentAt)],
);

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

export type OutboxEmail = typeof outboxEmails.$inferSelect;
