import { pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/** "code": a download code redeemed at the merch table (no payment, counted in the stats). */
export const paymentProviderEnum = pgEnum("payment_provider", ["stripe", "test", "free", "code"]);

/** Provider events already applied: the insert shares the transaction of the event's effect. */
export const paymentEvents = pgTable("payment_events", {
  id: text("id").primaryKey(),
  provider: paymentProviderEnum("provider").notNull(),
  type: text("type").notNull(),
  createdAt: createdAt(),
});
