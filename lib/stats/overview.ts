import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { num, paidBetween, playedBetween } from "./filters";
import type { Period } from "./period";

/** Money per currency: never added across currencies. net = gross − fees − refunds. */
export type CurrencyTotals = { currency: string; gross: number; fees: number; refunds: number; net: number; orders: number };

export type PeriodTotals = {
  money: CurrencyTotals[];
  /** Paid orders (free downloads and code redemptions are counted apart). */
  orders: number;
  units: number;
  plays: number;
  freeDownloads: number;
  codeRedemptions: number;
  /** orders ÷ plays, null when nothing was played. */
  conversion: number | null;
};

export type Overview = { current: PeriodTotals; previous: PeriodTotals };

const emptyTotals = (): PeriodTotals => ({ money: [], orders: 0, units: 0, plays: 0, freeDownloads: 0, codeRedemptions: 0, conversion: null });

/**
 * The headline figures of a period and of the one just before it, for a band the caller has
 * checked membership of. Three statements, run side by side: orders, their units, plays.
 */
export async function getOverview(db: DbOrTx, artistId: string, period: Period): Promise<Overview> {
  const from = period.from.toISOString();
  const isCurrent = sql`(o.paid_at >= ${from}::timestamptz)`;
  const sales = sql`o.provider not in ('free', 'code')`;
  const [money, units, plays] = await Promise.all([
    db.execute<{ cur: boolean; currency: string; gross: string; fees: string; refunds: string; orders: string; free: string; codes: string }>(sql`
      select ${isCurrent} as cur, o.currency,
        sum(o.total) filter (where ${sales}) as gross, sum(o.platform_fee) filter (where ${sales}) as fees,
        sum(o.refunded_amount) filter (where ${sales}) as refunds, count(*) filter (where ${sales}) as orders,
        count(*) filter (where o.provider = 'free') as free, count(*) filter (where o.provider = 'code') as codes
      from orders o where ${paidBetween(artistId, period.previousFrom, period.to)}
      group by 1, 2 order by 2`),
    db.execute<{ cur: boolean; units: string }>(sql`
      select ${isCurrent} as cur, sum(i.quantity) as units
      from orders o join order_items i on i.order_id = o.id
      where ${paidBetween(artistId, period.previousFrom, period.to)} and o.provider not in ('free', 'code')
      group by 1`),
    db.execute<{ cur: boolean; plays: string }>(sql`
      select (p.played_at >= ${from}::timestamptz) as cur, count(*) as plays
      from plays p where ${playedBetween(artistId, period.previousFrom, period.to)}
      group by 1`),
  ]);
  const result: Overview = { current: emptyTotals(), previous: emptyTotals() };
  const side = (cur: boolean) => (cur ? result.current : result.previous);
  for (const row of money) {
    const totals = side(row.cur);
    const [gross, fees, refunds, orders] = [num(row.gross), num(row.fees), num(row.refunds), num(row.orders)];
    if (orders > 0) totals.money.push({ currency: row.currency, gross, fees, refunds, net: gross - fees - refunds, orders });
    totals.orders += orders;
    totals.freeDownloads += num(row.free);
    totals.codeRedemptions += num(row.codes);
  }
  for (const row of units) side(row.cur).units = num(row.units);
  for (const row of plays) side(row.cur).plays = num(row.plays);
  for (const totals of [result.current, result.previous]) totals.conversion = totals.plays > 0 ? totals.orders / totals.plays : null;
  return result;
}
