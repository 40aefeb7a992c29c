import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  statsCountriesDaily,
  statsFormatsDaily,
  statsItemsDaily,
  statsPlaysDaily,
  statsSourcesDaily,
} from "@/db/schema";
import { inPeriod, num } from "./filters";
import type { Period } from "./period";
import { foldRows, type BreakdownRow, type RawRow } from "./rows";

/**
 * The breakdowns of a period, each one SQL statement over the daily tables, scoped to the band
 * the caller checked; keys whose count went back to zero (an order's country corrected) are left out. Release and format lines count item amounts (a refund belongs to a whole
 * order, so it is subtracted in the country and source lines, which are per order:
 * net = total − fee − refund).
 */
const LIMIT = 100;

/** Releases (album and its single tracks together) and merch items; a deleted one keeps the title it sold under. */
export async function salesByRelease(db: DbOrTx, artistId: string, period: Period): Promise<BreakdownRow[]> {
  const rows = await db.execute<RawRow>(sql`
    with s as (
      select s.item_kind, s.item_id, s.currency, sum(s.orders) as orders, sum(s.units) as units, sum(s.amount) as amount, min(s.title) as snapshot
      from ${statsItemsDaily} s where ${inPeriod(artistId, period)}
      group by 1, 2, 3 having sum(s.orders) > 0
    )
    select s.item_kind || ':' || s.item_id as key, coalesce(r.title, pr.title, s.snapshot) as label, s.currency, s.orders, s.units, s.amount
    from s left join releases r on s.item_kind = 'release' and r.id = s.item_id and r.artist_id = ${artistId}
      left join products pr on s.item_kind = 'product' and pr.id = s.item_id and pr.artist_id = ${artistId}
    order by s.units desc limit ${LIMIT}`);
  return foldRows(rows);
}

/** Digital album, single track, physical (CD, vinyl, merch) and free (free downloads and codes). */
export async function salesByFormat(db: DbOrTx, artistId: string, period: Period): Promise<BreakdownRow[]> {
  const rows = await db.execute<RawRow>(sql`
    select s.format as key, s.currency, sum(s.orders) as orders, sum(s.units) as units, sum(s.amount) as amount
    from ${statsFormatsDaily} s where ${inPeriod(artistId, period)}
    group by 1, 2 having sum(s.orders) > 0`);
  return foldRows(rows.map((r) => (r.key === "free" ? { ...r, currency: null } : r)));
}

/** Buyers' countries (paid orders) beside listeners' countries (plays, the rows of currency ""); "" when unknown. */
export async function byCountry(db: DbOrTx, artistId: string, period: Period): Promise<BreakdownRow[]> {
  const rows = await db.execute<RawRow>(sql`
    select s.country as key, nullif(s.currency, '') as currency, sum(s.orders) as orders, sum(s.plays) as plays, sum(s.net) as amount
    from ${statsCountriesDaily} s where ${inPeriod(artistId, period)}
    group by 1, 2 having sum(s.orders) > 0 or sum(s.plays) > 0`);
  return foldRows(rows).slice(0, LIMIT);
}

/** The band's shop, each embedding site by host, download codes and direct links: orders and plays. */
export async function bySource(db: DbOrTx, artistId: string, period: Period): Promise<BreakdownRow[]> {
  const rows = await db.execute<RawRow>(sql`
    select s.source as key, nullif(s.source_host, '') as host, nullif(s.currency, '') as currency, sum(s.orders) as orders, sum(s.plays) as plays, sum(s.net) as amount
    from ${statsSourcesDaily} s where ${inPeriod(artistId, period)}
    group by 1, 2, 3 having sum(s.orders) > 0 or sum(s.plays) > 0`);
  return foldRows(rows.map((r) => ({ ...r, amount: num(r.amount) }))).slice(0, LIMIT);
}

export type TrackPlays = {
  trackId: string;
  title: string;
  release: string;
  complete: number;
  partial: number;
  skip: number;
  total: number;
};

/** Plays per track, split by how far the listener went. */
export async function playsByTrack(db: DbOrTx, artistId: string, period: Period): Promise<TrackPlays[]> {
  const rows = await db.execute<{
    track_id: string;
    title: string;
    release: string;
    complete: string;
    partial: string;
    skip: string;
    total: string;
  }>(sql`
    with p as (
      select s.track_id, sum(s.complete) as complete, sum(s.partial) as partial, sum(s.skip) as skip, sum(s.complete + s.partial + s.skip) as total
      from ${statsPlaysDaily} s where ${inPeriod(artistId, period)} group by 1
    )
    select p.*, t.title, r.title as release from p join tracks t on t.id = p.track_id and t.artist_id = ${artistId} join releases r on r.id = t.release_id
    where p.total > 0
    order by p.total desc, t.title limit ${LIMIT}`);
  return rows.map((r) => ({
    trackId: r.track_id,
    title: r.title,
    release: r.release,
    complete: num(r.complete),
    partial: num(r.partial),
    skip: num(r.skip),
    total: num(r.total),
  }));
}
