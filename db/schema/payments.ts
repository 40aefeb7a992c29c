import { index, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/**
 * "code": a download code redeemed at the merch table (no payment, counted in the stats);
 * "credit": an order paid wholly from the fan's balance (lib/credit).
 */
export const paymentProviderEnum = pgEnum("payment_provider", ["stripe", "test", "free", "code", "credit"]);

/** Provider events already applied: the insert shares the transaction of the event's effect. */
export const paymentEvents = pgTable("payment_events", {
  id: text("id").primaryKey(),
  provider: paymentProviderEnum("provider").notNull(),
  type: text("type").notNull(),
  createdAt: createdAt(),
});

/**
 * Every verified provider event as received, with what came of it: the operator console lists
 * them and can replay one (through the same idempotent path, so a replay of an applied event
 * changes nothing). Unverified deliveries are never stored.
 */
export const paymentEventLog = pgTable(
  "payment_event_log",
  {
    id: id(),
    eventId: text("event_id").notNull(),
    provider: paymentProviderEnum("provider").notNull(),
    type: text("type").notNull(),
    /** applied | already_applied | ignored | failed */
    result: text("result").notNull(),
    error: text("error"),
    payload: jsonb("payload").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("payment_event_log_created_idx").on(t.createdAt), index("payment_event_log_event_idx").on(t.eventId)],
);

export type PaymentEventLogEntry = typeof paymentEventLog.$inferSelect;
