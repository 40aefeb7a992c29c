import { sql, type SQL } from "drizzle-orm";
import type { Period } from "./period";

/*
 * Every figure is read from the daily tables of migration 0008 (stats_*_daily), which triggers
 * keep exact: an order counts once paid (refunded orders count, their refunds subtract), a play
 * from its insert, each on its day in the band's time zone. So a period is a range of dates.
 */

/** One band's rows (table alias `s`) on the dates of [first, last]. */
export function daysBetween(artistId: string, first: string, last: string): SQL {
  return sql`s.artist_id = ${artistId} and s.day >= ${first}::date and s.day <= ${last}::date`;
}

/** One band's rows in the period. */
export const inPeriod = (artistId: string, period: Period) => daysBetween(artistId, period.firstDay, period.lastDay);

/** bigint sums arrive as strings from postgres.js; amounts stay far below 2^53. */
export const num = (value: unknown) => Number(value ?? 0);
