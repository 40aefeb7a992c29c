import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { inPeriod, num } from "./filters";
import type { Period } from "./period";

/** One point of the chart: net sales per currency (never summed together), orders and plays. */
export type SeriesPoint = { start: string; net: Record<string, number>; orders: number; plays: number };
export type Series = { bucket: Period["bucket"]; currencies: string[]; points: SeriesPoint[] };

/**
 * The period cut into day / week (Monday) / month buckets of the band's dates by date_trunc,
 * every bucket present (zeros included) so the chart's axis is regular. One statement. The
 * dates are already the band's, so they are truncated as timestamps without a zone.
 */
export async function getSeries(db: DbOrTx, artistId: string, period: Period): Promise<Series> {
  const unit = sql.raw(`'${period.bucket}'`);
  const rows = await db.execute<{ start: string; currency: string | null; net: string | null; orders: string | null; plays: string | null }>(sql`
    with b as (
      select generate_series(date_trunc(${unit}, ${period.firstDay}::timestamp), ${period.lastDay}::timestamp, ('1 ' || ${unit})::interval) as t
    ), o as (
      select date_trunc(${unit}, s.day::timestamp) as t, s.currency, sum(s.gross - s.fees - s.refunds) as net, sum(s.orders) as orders
      from stats_orders_daily s where ${inPeriod(artistId, period)} and s.kind = 'sale'
      group by 1, 2
    ), p as (
      select date_trunc(${unit}, s.day::timestamp) as t, sum(s.complete + s.partial + s.skip) as plays
      from stats_plays_daily s where ${inPeriod(artistId, period)}
      group by 1
    )
    select to_char(b.t, 'YYYY-MM-DD') as start, o.currency, o.net, o.orders, p.plays
    from b left join o on o.t = b.t left join p on p.t = b.t
    order by b.t, o.currency`);
  const points: SeriesPoint[] = [];
  const currencies = new Set<string>();
  for (const row of rows) {
    let point = points.at(-1);
    if (point?.start !== row.start) {
      point = { start: row.start, net: {}, orders: 0, plays: num(row.plays) };
      points.push(point);
    }
    if (row.currency) {
      currencies.add(row.currency);
      point.net[row.currency] = num(row.net);
      point.orders += num(row.orders);
    }
  }
  return { bucket: period.bucket, currencies: [...currencies].sort(), points };
}
