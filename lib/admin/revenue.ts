import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

export type Bucket = "day" | "week" | "month";
export type RevenueRow = { period: string; currency: string; fees: number; subscriptions: number };
export type RevenueRange = { from: Date; to: Date; bucket: Bucket };

/** The longest range a page may ask for: a day bucket over it is still a readable chart. */
export const MAX_RANGE_DAYS = 731;

/**
 * What the platform earned, per currency and per day/week/month (UTC) in [from, to): the fee on
 * each sale, less the refunded share of it (a fully refunded order earns nothing), plus the Pro
 * invoices paid. Both sums walk their paid_at index (orders_paid_idx, plan_invoices_paid_idx).
 */
export async function platformRevenue(db: DbOrTx, range: RevenueRange): Promise<RevenueRow[]> {
  const unit = sql.raw(`'${range.bucket}'`);
  const rows = await db.execute<{ period: string; currency: string; fees: string; subscriptions: string }>(sql`
    with fees as (
      select date_trunc(${unit}, paid_at at time zone 'UTC') as period, currency,
        sum(platform_fee - (platform_fee::bigint * refunded_amount + total / 2) / nullif(total, 0)) as amount
      from orders
      where paid_at >= ${range.from.toISOString()}::timestamptz and paid_at < ${range.to.toISOString()}::timestamptz
        and status in ('paid', 'partially_refunded', 'refunded') and platform_fee > 0
      group by 1, 2
    ), subs as (
      select date_trunc(${unit}, paid_at at time zone 'UTC') as period, currency, sum(amount) as amount
      from plan_invoices
      where paid_at >= ${range.from.toISOString()}::timestamptz and paid_at < ${range.to.toISOString()}::timestamptz
        and status = 'paid'
      group by 1, 2
    )
    select to_char(coalesce(f.period, s.period), 'YYYY-MM-DD') as period,
      coalesce(f.currency, s.currency) as currency,
      coalesce(f.amount, 0)::bigint as fees, coalesce(s.amount, 0)::bigint as subscriptions
    from fees f full join subs s on s.period = f.period and s.currency = f.currency
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
