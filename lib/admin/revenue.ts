import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

export type Bucket = "day" | "week" | "month";
export type RevenueRow = { period: string; currency: string; fees: number; subscriptions: number };
export type RevenueRange = { from: Date; to: Date; bucket: Bucket };

/** The longest range a page may ask for: a day bucket over it is still a readable chart. */
export const MAX_RANGE_DAYS = 731;

/**
 * What the platform earned, per currency and per day/week/month (UTC) over the whole UTC days of
 * [from, to): the fee on each sale, less the refunded share of it (a fully refunded order earns
 * nothing), plus the Pro invoices paid. Read from platform_revenue_daily, which triggers keep
 * exact (migration 0020), so two years cost a few thousand rows rather than every order.
 */
export async function platformRevenue(db: DbOrTx, range: RevenueRange): Promise<RevenueRow[]> {
  const unit = sql.raw(`'${range.bucket}'`);
  const rows = await db.execute<{ period: string; currency: string; fees: string; subscriptions: string }>(sql`
    select to_char(date_trunc(${unit}, day::timestamp), 'YYYY-MM-DD') as period, currency,
      sum(fees)::bigint as fees, sum(subscriptions)::bigint as subscriptions
    from platform_revenue_daily
    where day >= (${range.from.toISOString()}::timestamptz at time zone 'UTC')::date
      and day < (${range.to.toISOString()}::timestamptz at time zone 'UTC')::date
    group by 1, 2
    having sum(fees) <> 0 or sum(subscriptions) <> 0
    order by 1, 2
  `);
  return [...rows].map((r) => ({
    period: r.period,
    currency: r.currency,
    fees: Number(r.fees),
    subscriptions: Number(r.subscriptions),
  }));
}

/** Totals per currency over the whole range, for the table's last row. */
export function revenueTotals(rows: RevenueRow[]) {
  const totals = new Map<string, { fees: number; subscriptions: number }>();
  for (const r of rows) {
    const t = totals.get(r.currency) ?? { fees: 0, subscriptions: 0 };
    totals.set(r.currency, { fees: t.fees + r.fees, subscriptions: t.subscriptions + r.subscriptions });
  }
  return [...totals].map(([currency, t]) => ({ currency, ...t }));
}

const startOf = (day: Date, bucket: Bucket) => {
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  if (bucket === "week") d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); // ISO weeks start on Monday, as date_trunc's
  if (bucket === "month") d.setUTCDate(1);
  return d;
};

/** Every period of the range, oldest first, named as platformRevenue names them (its first day, UTC). */
export function periodsOf(range: RevenueRange): string[] {
  const periods: string[] = [];
  const last = new Date(range.to.getTime() - 1);
  for (let d = startOf(range.from, range.bucket); d <= last;) {
    periods.push(d.toISOString().slice(0, 10));
    if (range.bucket === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (range.bucket === "week") d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return periods;
}

/** One currency's rows with a zero row for each period that earned nothing, so a chart's time axis is even. */
export function withEmptyPeriods(rows: RevenueRow[], range: RevenueRange, currency: string): RevenueRow[] {
  const byPeriod = new Map(rows.filter((r) => r.currency === currency).map((r) => [r.period, r]));
  return periodsOf(range).map((period) => byPeriod.get(period) ?? { period, currency, fees: 0, subscriptions: 0 });
}
