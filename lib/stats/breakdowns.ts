import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { num, ORDER_SOURCE, paidBetween, playedBetween } from "./filters";
import type { Period } from "./period";
import { foldRows, type BreakdownRow, type RawRow } from "./rows";

/**
 * The breakdowns of a period, each one SQL statement scoped to the band the caller checked.
 * Release and format lines count item amounts (a refund belongs to a whole order, so it is
 * subtracted in the country and source lines, which are per order: net = total − fee − refund).
 */
const LIMIT = 100;

/** Releases (album and its single tracks together) and merch items. */
export async function salesByRelease(db: DbOrTx, artistId: string, period: Period): Promise<BreakdownRow[]> {
  const rows = await db.execute<RawRow>(sql`
    with s as (
      select case when i.kind = 'product' then 'product' else 'release' end as kind,
        case when i.kind = 'product' then i.product_id else i.release_id end as id,
        i.currency, count(distinct o.id) as orders, sum(i.quantity) as units, sum(i.quantity * i.unit_amount) as amount, min(i.title) as snapshot
      from orders o join order_items i on i.order_id = o.id
      where ${paidBetween(artistId, period.from, period.to)}
      group by 1, 2, 3
    )
    select s.kind || ':' || coalesce(s.id, '') as key, coalesce(r.title, pr.title, s.snapshot) as label, s.currency, s.orders, s.units, s.amount
    from s left join releases r on s.kind = 'release' and r.id = s.id and r.artist_id = ${artistId}
      left join products pr on s.kind = 'product' and pr.id = s.id and pr.artist_id = ${artistId}
    order by s.units desc limit ${LIMIT}`);
  return foldRows(rows);
}

/** Digital album, single track, physical (CD, vinyl, merch) and free (free downloads and codes). */
export async function salesByFormat(db: DbOrTx, artistId: string, period: Period): Promise<BreakdownRow[]> {
  const rows = await db.execute<RawRow>(sql`
    select case when i.kind = 'product' then 'physical' when o.provider in ('free', 'code') or i.unit_amount = 0 then 'free'
        when i.kind = 'release' then 'album' else 'track' end as key,
      i.currency, count(distinct o.id) as orders, sum(i.quantity) as units, sum(i.quantity * i.unit_amount) as amount
    from orders o join order_items i on i.order_id = o.id
    where ${paidBetween(artistId, period.from, period.to)}
    group by 1, 2`);
  return foldRows(rows.map((r) => (r.key === "free" ? { ...r, currency: null } : r)));
}

/** Buyers' countries (paid orders) beside listeners' countries (plays); "" when unknown. */
export async function byCountry(db: DbOrTx, artistId: string, period: Period): Promise<BreakdownRow[]> {
  const rows = await db.execute<RawRow>(sql`
    select coalesce(o.buyer_country, '') as key, o.currency, count(*) as orders, 0 as plays, sum(o.total - o.platform_fee - o.refunded_amount) as amount
    from orders o where ${paidBetween(artistId, period.from, period.to)} and o.provider not in ('free', 'code')
    group by 1, 2
    union all
    select coalesce(p.country, ''), null, 0, count(*), null from plays p where ${playedBetween(artistId, period.from, period.to)} group by 1`);
  return foldRows(rows).slice(0, LIMIT);
}

/** The band's shop, each embedding site by host, download codes and direct links: orders and plays. */
export async function bySource(db: DbOrTx, artistId: string, period: Period): Promise<BreakdownRow[]> {
  const rows = await db.execute<RawRow>(sql`
    select ${ORDER_SOURCE} as key, case when o.source = 'embed' then o.source_host end as host, o.currency,
      count(*) as orders, 0 as plays, sum(o.total - o.platform_fee - o.refunded_amount) as amount
    from orders o where ${paidBetween(artistId, period.from, period.to)}
    group by 1, 2, 3
    union all
    select case when p.source = 'embed' then 'embed' else 'shop' end, case when p.source = 'embed' then p.source_host end, null, 0, count(*), null
    from plays p where ${playedBetween(artistId, period.from, period.to)} group by 1, 2`);
  return foldRows(rows.map((r) => ({ ...r, amount: num(r.amount) }))).slice(0, LIMIT);
}

export type TrackPlays = { trackId: string; title: string; release: string; complete: number; partial: number; skip: number; total: number };

/** Plays per track, split by how far the listener went. */
export async function playsByTrack(db: DbOrTx, artistId: string, period: Period): Promise<TrackPlays[]> {
  const rows = await db.execute<{ track_id: string; title: string; release: string; complete: string; partial: string; skip: string; total: string }>(sql`
    with p as (
      select p.track_id, count(*) filter (where p.outcome = 'complete') as complete, count(*) filter (where p.outcome = 'partial') as partial,
        count(*) filter (where p.outcome = 'skip') as skip, count(*) as total
      from plays p where ${playedBetween(artistId, period.from, period.to)} group by 1
    )
    select p.*, t.title, r.title as release from p join tracks t on t.id = p.track_id and t.artist_id = ${artistId} join releases r on r.id = t.release_id
    order by p.total desc, t.title limit ${LIMIT}`);
  return rows.map((r) => ({ trackId: r.track_id, title: r.title, release: r.release, complete: num(r.complete), partial: num(r.partial), skip: num(r.skip), total: num(r.total) }));
}
