import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/** One quarter of a band's sales in one currency, with and without VAT. */
export type BandVatRow = {
  /** "2026-Q4" (UTC quarters, as VAT returns count them). */
  quarter: string;
  currency: string;
  orders: number;
  /** What fans paid, VAT included (before refunds). */
  gross: number;
  /** VAT in it the platform declares and pays (digital sales to the EU and the UK)… */
  vatPlatform: number;
  /** …and VAT the band itself owes (goods and shipping, when it is VAT-registered). */
  vatSeller: number;
  /** gross − all VAT. */
  net: number;
};

/**
 * A band's sales of its last `quarters` quarters (the current one included), per currency, from
 * the VAT stamped on each order when it was paid (orders.tax = vat_platform + vat_seller).
 */
export async function bandVatByQuarter(
  db: DbOrTx,
  artistId: string,
  options: { now?: Date; quarters?: number } = {},
): Promise<BandVatRow[]> {
  const now = options.now ?? new Date();
  const quarters = options.quarters ?? 4;
  const start = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 - 3 * (quarters - 1), 1));
  const rows = await db.execute<{
    quarter: string;
    currency: string;
    orders: string;
    gross: string;
    vat_platform: string;
    vat_seller: string;
  }>(sql`
    select to_char(paid_at at time zone 'UTC', 'YYYY-"Q"Q') as quarter, currency, count(*) as orders,
      sum(total)::bigint as gross, sum(vat_platform)::bigint as vat_platform, sum(vat_seller)::bigint as vat_seller
    from orders
    where artist_id = ${artistId} and paid_at >= ${start.toISOString()}::timestamptz
      and status in ('paid', 'refunded', 'partially_refunded')
    group by 1, 2
    order by 1 desc, 2
  `);
  return [...rows].map((r) => {
    const gross = Number(r.gross);
    const vatPlatform = Number(r.vat_platform);
    const vatSeller = Number(r.vat_seller);
    return {
      quarter: r.quarter,
      currency: r.currency,
      orders: Number(r.orders),
      gross,
      vatPlatform,
      vatSeller,
      net: gross - vatPlatform - vatSeller,
    };
  });
}
