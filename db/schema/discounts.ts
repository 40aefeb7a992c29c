import { sql } from "drizzle-orm";
import { boolean, check, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { createdAt, id, updatedAt } from "./columns";
import { orderItemKindEnum } from "./orders";

export const discountKindEnum = pgEnum("discount_kind", ["percent", "fixed"]);
export const discountScopeEnum = pgEnum("discount_scope", ["all", "digital", "physical", "item"]);

/** A band's discount code: percent or fixed amount, on everything, digital, physical or one item; never on shipping. */
export const discountCodes = pgTable(
  "discount_codes",
  {
    id: id(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    /** Upper-case; unique per band. */
    code: text("code").notNull(),
    kind: discountKindEnum("kind").notNull(),
    /** Percent (1–100) or minor units of `currency`. */
    amount: integer("amount").notNull(),
    currency: text("currency"),
    scope: discountScopeEnum("scope").notNull().default("all"),
    itemKind: orderItemKindEnum("item_kind"),
    itemId: text("item_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    usageLimit: integer("usage_limit"),
    /** Uses claimed by orders waiting for payment or paid (raised when the order is created, lowered when it is canceled). */
    usedCount: integer("used_count").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("discount_codes_artist_code_idx").on(t.artistId, t.code),
    check("discount_codes_amount_positive", sql`${t.amount} > 0`),
    check("discount_codes_used_within_limit", sql`${t.usageLimit} is null or ${t.usedCount} <= ${t.usageLimit}`),
  ],
);

export type DiscountCode = typeof discountCodes.$inferSelect;
