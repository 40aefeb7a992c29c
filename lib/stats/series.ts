import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { statsDaily } from "@/db/schema";
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
  const rows = await db.execute<{
    start: string;
    currency: string | null;
    net: string | null;
    orders: string | null;
    plays: string | null;
  }>(sql`
    with b as (
      select generate_series(date_trunc(${unit}, ${period.firstDay}::timestamp), ${period.lastDay}::timestamp, ('1 ' || ${unit})::interval) as t
    ), s as (
      select date_trunc(${unit}, s.day::timestamp) as t, s.currency, sum(s.gross - s.fees - s.refunds) as net, sum(s.orders) as orders, sum(s.plays) as plays
      from ${statsDaily} s where ${inPeriod(artistId, period)} and s.kind in ('sale', 'play')
      group by 1, 2
    )
    select to_char(b.t, 'YYYY-MM-DD') as start, s.currency, s.net, s.orders, s.plays
    from b left join s on s.t = b.t
    order by b.t, s.currency`);
  const points: SeriesPoint[] = [];
  const currencies = new Set<string>();
  for (const row of rows) {
    let point = points.at(-1);
    if (point?.start !== row.start) {
      point = { start: row.start, net: {}, orders: 0, plays: 0 };
      points.push(point);
    }
    point.plays += num(row.plays);
    if (row.currency) {
      currencies.add(row.currency);
      point.net[row.currency] = num(row.net);
      point.orders += num(row.orders);
    }
  }
  return { bucket: period.bucket, currencies: [...currencies].sort(), points };
}
