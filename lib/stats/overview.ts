import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { statsDaily } from "@/db/schema";
import { daysBetween, num } from "./filters";
import type { Period } from "./period";

/** Money per currency: never added across currencies. net = gross − fees − refunds. */
export type CurrencyTotals = {
  currency: string;
  gross: number;
  fees: number;
  refunds: number;
  net: number;
  orders: number;
};

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

const emptyTotals = (): PeriodTotals => ({
  money: [],
  orders: 0,
  units: 0,
  plays: 0,
  freeDownloads: 0,
  codeRedemptions: 0,
  conversion: null,
});

/**
 * The headline figures of a period and of the one just before it, for a band the caller has
 * checked membership of, in one statement (plays are the rows of currency "").
 */
export async function getOverview(db: DbOrTx, artistId: string, period: Period): Promise<Overview> {
  const both = daysBetween(artistId, period.previousFirstDay, period.lastDay);
  const isCurrent = sql`(s.day >= ${period.firstDay}::date)`;
  const rows = await db.execute<{
    cur: boolean;
    currency: string;
    gross: string;
    fees: string;
    refunds: string;
    orders: string;
    units: string;
    free: string;
    codes: string;
    plays: string;
  }>(sql`
    select ${isCurrent} as cur, s.currency,
      sum(s.gross) filter (where s.kind = 'sale') as gross, sum(s.fees) filter (where s.kind = 'sale') as fees,
      sum(s.refunds) filter (where s.kind = 'sale') as refunds, sum(s.orders) filter (where s.kind = 'sale') as orders,
      sum(s.units) filter (where s.kind = 'sale') as units,
      sum(s.orders) filter (where s.kind = 'free') as free, sum(s.orders) filter (where s.kind = 'code') as codes, sum(s.plays) as plays
    from ${statsDaily} s where ${both}
    group by 1, 2 order by 2`);
  const result: Overview = { current: emptyTotals(), previous: emptyTotals() };
  const side = (cur: boolean) => (cur ? result.current : result.previous);
  for (const row of rows) {
    const totals = side(row.cur);
    const [gross, fees, refunds, orders] = [num(row.gross), num(row.fees), num(row.refunds), num(row.orders)];
    if (orders > 0)
      totals.money.push({ currency: row.currency, gross, fees, refunds, net: gross - fees - refunds, orders });
    totals.orders += orders;
    totals.units += num(row.units);
    totals.freeDownloads += num(row.free);
    totals.codeRedemptions += num(row.codes);
    totals.plays += num(row.plays);
  }
  for (const totals of [result.current, result.previous])
    totals.conversion = totals.plays > 0 ? totals.orders / totals.plays : null;
  return result;
}
