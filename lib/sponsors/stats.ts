import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/**
 * What a sponsor sees of a program: counts and sums only. Nothing here names a fan, a band or an
 * order; the figures come from the cards, the members' count and the ledger.
 */
export type ProgramStats = {
  cardsIssued: number;
  cardsRedeemed: number;
  cardsExpired: number;
  /** Value redeemed or matched into fans' balances for this program. */
  credited: number;
  /** Spent at bands from the program's balances, net of releases and refunds. */
  spent: number;
  /** Expired: unredeemed cards, fans' balances and the pool's rest after the end date. */
  expired: number;
  /** Still in fans' balances for this program. */
  unspent: number;
  poolLeft: number;
  matched: number;
  fansEnrolled: number;
};

export async function programStats(db: DbOrTx, programId: string): Promise<ProgramStats> {
  const [row] = await db.execute<Record<keyof ProgramStats, string | number | null>>(sql`
    with fan as (
      select id, balance from credit_accounts where kind = 'fan' and program_id = ${programId}
    ),
    flows as (
      select
        coalesce(sum(e.amount) filter (where e.kind = 'hold' and e.from_account_id in (select id from fan)), 0)
        - coalesce(sum(e.amount) filter (where e.kind = 'release' and e.to_account_id in (select id from fan)), 0)
        - coalesce(sum(e.amount) filter (where e.kind = 'refund' and e.to_account_id in (select id from fan)), 0)
          as spent,
        coalesce(sum(e.amount) filter (where e.kind in ('redeem', 'match') and e.to_account_id in (select id from fan)), 0)
          as credited,
        coalesce(sum(e.amount) filter (where e.kind = 'match'), 0) as matched,
        coalesce(sum(e.amount) filter (where e.kind = 'expire'), 0) as expired
      from ledger_entries e
      where e.program_id = ${programId}
         or e.from_account_id in (select id from fan)
         or e.to_account_id in (select id from fan)
    )
    select
      (select count(*) from gift_cards where program_id = ${programId}) as "cardsIssued",
      (select count(*) from gift_cards where program_id = ${programId} and status = 'redeemed') as "cardsRedeemed",
      (select count(*) from gift_cards where program_id = ${programId} and status = 'expired') as "cardsExpired",
      flows.credited as "credited",
      flows.spent as "spent",
      flows.expired as "expired",
      (select coalesce(sum(balance), 0) from fan) as "unspent",
      (select coalesce(sum(balance), 0) from credit_accounts where kind = 'pool' and program_id = ${programId}) as "poolLeft",
      flows.matched as "matched",
      (select count(*) from program_members where program_id = ${programId}) as "fansEnrolled"
    from flows`);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v ?? 0)])) as ProgramStats;
}
