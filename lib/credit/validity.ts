import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { platformSettings } from "@/db/schema";

/**
 * The shortest validity the operator may set for a card. EU countries differ (Belgium asks two
 * years of any gift voucher, others less or nothing); the strictest rule of the countries the
 * platform sells to wins, since one card may be bought in one and redeemed in another.
 */
export const MIN_CARD_VALIDITY_MONTHS = 24;

/** The validity the operator set, in months (null: cards never expire). */
export async function cardValidityMonths(db: DbOrTx): Promise<number | null> {
  const [row] = await db
    .select({ months: platformSettings.cardValidityMonths })
    .from(platformSettings)
    .where(eq(platformSettings.id, "platform"));
  return row?.months ?? null;
}

/** When a card bought at `now` stops being redeemable: never, unless the operator set a validity. */
export async function cardExpiry(db: DbOrTx, now: Date): Promise<Date | null> {
  const months = await cardValidityMonths(db);
  if (!months) return null;
  const expires = new Date(now);
  expires.setUTCMonth(expires.getUTCMonth() + Math.max(months, MIN_CARD_VALIDITY_MONTHS));
  return expires;
}
