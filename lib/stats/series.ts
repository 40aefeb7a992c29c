import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { num, paidBetween, playedBetween } from "./filters";
import { STATS_TIME_ZONE, type Period } from "./period";

/** One point of the chart: net sales per currency (never summed together), orders and plays. */
export type SeriesPoint = { start: string; net: Record<string, number>; orders: number; plays: number };
export type Series = { bucket: Period["bucket"]; currencies: string[]; points: SeriesPoint[] };

/**
 * The period cut into day / week / month buckets by date_trunc in the band's time zone, every
 * bucket present (zeros included) so the chart's axis is regular. One statement.
 */
export async function getSeries(db: DbOrTx, artistId: string, period: Period): Promise<Series> {
  const unit = sql.raw(`'${period.bucket}'`);
  const tz = STATS_TIME_ZONE;
  const rows = await db.execute<{ start: string; currency: string | null; net: string | null; orders: string | null; plays: string | null }>(sql`
    with b as (
      select generate_series(date_trunc(${unit}, ${period.from.toISOString()}::timestamptz at time zone ${tz}),
        (${period.to.toISOString()}::timestamptz at time zone ${tz}) - interval '1 millisecond', ('1 ' || ${unit})::interval) as t
    ), o as (
      select date_trunc(${unit}, o.paid_at at time zone ${tz}) as t, o.currency,
        sum(o.total - o.platform_fee - o.refunded_amount) as net, count(*) as orders
      from orders o where ${paidBetween(artistId, period.from, period.to)} and o.provider not in ('free', 'code')
      group by 1, 2
    ), p as (
      select date_trunc(${unit}, p.played_at at time zone ${tz}) as t, count(*) as plays
      from plays p where ${playedBetween(artistId, period.from, period.to)}
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
