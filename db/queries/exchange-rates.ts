import { desc, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { exchangeRates } from "@/db/schema";

/** One day's reference rates (units per euro), as lib/fx reads them. */
export type StoredRates = { date: string; perEuro: Record<string, number> };

/**
 * The newest day's rates: only currencies quoted on that day (one the ECB stopped publishing
 * keeps its old row and is left out), or null when none were ever fetched.
 */
export async function readExchangeRates(db: DbOrTx): Promise<StoredRates | null> {
  const rows = await db
    .select({ currency: exchangeRates.currency, perEuro: exchangeRates.perEuro, date: exchangeRates.rateDate })
    .from(exchangeRates)
    .orderBy(desc(exchangeRates.rateDate));
  if (rows.length === 0) return null;
  const date = rows[0].date;
  return {
    date,
    perEuro: Object.fromEntries(rows.filter((row) => row.date === date).map((row) => [row.currency, row.perEuro])),
  };
}

/**
 * Writes a day's rates, each currency one row. A day older than the one stored (a stale copy from
 * a cache on the way) changes nothing for that currency.
 */
export async function saveExchangeRates(db: DbOrTx, rates: StoredRates, fetchedAt = new Date()): Promise<number> {
  const values = Object.entries(rates.perEuro).map(([currency, perEuro]) => ({
    currency,
    perEuro,
    rateDate: rates.date,
    fetchedAt,
  }));
  if (values.length === 0) return 0;
  const written = await db
    .insert(exchangeRates)
    .values(values)
    .onConflictDoUpdate({
      target: exchangeRates.currency,
      set: { perEuro: sql`excluded.per_euro`, rateDate: sql`excluded.rate_date`, fetchedAt: sql`excluded.fetched_at` },
      setWhere: sql`excluded.rate_date >= ${exchangeRates.rateDate}`,
    })
    .returning({ currency: exchangeRates.currency });
  return written.length;
}
