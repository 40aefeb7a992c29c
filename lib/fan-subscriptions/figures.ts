import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { fanSubscriptions } from "@/db/schema";

export type SubscriberFigures = {
  currency: string;
  live: number;
  /** Started, and ended, in the last 30 days. */
  started: number;
  canceled: number;
  /** Monthly recurring revenue in minor units: monthly prices plus a twelfth of yearly ones, of live subscriptions. */
  monthlyRecurring: number;
};

export const FIGURES_DAYS = 30;

/** The band's subscribers per currency (a band that changed currency sees both), biggest first. */
export async function subscriberFigures(db: DbOrTx, artistId: string, now = new Date()): Promise<SubscriberFigures[]> {
  const since = new Date(now.getTime() - FIGURES_DAYS * 86_400_000).toISOString();
  const live = sql`${fanSubscriptions.status} in ('active', 'past_due')`;
  const rows = await db
    .select({
      currency: fanSubscriptions.currency,
      live: sql<number>`count(*) filter (where ${live})::int`,
      started: sql<number>`count(*) filter (where ${fanSubscriptions.startedAt} >= ${since}::timestamptz)::int`,
      canceled: sql<number>`count(*) filter (where ${fanSubscriptions.canceledAt} >= ${since}::timestamptz)::int`,
      monthlyRecurring: sql<number>`coalesce(round(sum(case when ${fanSubscriptions.interval} = 'year' then ${fanSubscriptions.amount} / 12.0 else ${fanSubscriptions.amount} end) filter (where ${live})), 0)::int`,
    })
    .from(fanSubscriptions)
    .where(and(eq(fanSubscriptions.artistId, artistId), isNotNull(fanSubscriptions.startedAt)))
    .groupBy(fanSubscriptions.currency);
  return rows.sort((a, b) => b.monthlyRecurring - a.monthlyRecurring || a.currency.localeCompare(b.currency));
}
