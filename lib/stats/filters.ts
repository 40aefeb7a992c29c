import { sql, type SQL } from "drizzle-orm";

/** Checkouts that never completed are not sales; refunded orders count, and their refund subtracts. */
export const COUNTED = sql.raw(`('paid', 'partially_refunded', 'refunded')`);

/** Orders of one band paid in [from, to): the predicate every order figure starts from. */
export function paidBetween(artistId: string, from: Date, to: Date): SQL {
  return sql`o.artist_id = ${artistId} and o.paid_at >= ${from.toISOString()}::timestamptz and o.paid_at < ${to.toISOString()}::timestamptz and o.status in ${COUNTED}`;
}

/** Plays of one band in [from, to). */
export function playedBetween(artistId: string, from: Date, to: Date): SQL {
  return sql`p.artist_id = ${artistId} and p.played_at >= ${from.toISOString()}::timestamptz and p.played_at < ${to.toISOString()}::timestamptz`;
}

/**
 * Where a sale came from: download codes (provider or source "code"), each embedding site by
 * its host, the band's shop, and anything else (a plain link from elsewhere) as "direct".
 */
export const ORDER_SOURCE = sql.raw(
  `case when o.provider = 'code' or o.source = 'code' then 'code' when o.source = 'embed' then 'embed' when o.source = 'shop' then 'shop' else 'direct' end`,
);

/** bigint sums arrive as strings from postgres.js; amounts stay far below 2^53. */
export const num = (value: unknown) => Number(value ?? 0);
