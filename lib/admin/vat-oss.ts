import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { csvAmount, toCsv } from "@/lib/csv";

/** A calendar quarter (UTC), as the One-Stop-Shop return counts them: "2026-Q4". */
export type Quarter = { year: number; quarter: 1 | 2 | 3 | 4 };

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function parseQuarter(text: string | null | undefined): Quarter | null {
  const m = QUARTER.exec(text?.trim() ?? "");
  if (!m || +m[1] < 2000 || +m[1] > 2999) return null;
  return { year: +m[1], quarter: +m[2] as Quarter["quarter"] };
}

export const quarterOf = (at: Date): Quarter => ({
  year: at.getUTCFullYear(),
  quarter: (Math.floor(at.getUTCMonth() / 3) + 1) as Quarter["quarter"],
});

export const quarterLabel = (q: Quarter) => `${q.year}-Q${q.quarter}`;

/** The quarter's first instant and the next quarter's (UTC). */
export function quarterRange(q: Quarter): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(q.year, (q.quarter - 1) * 3, 1)), to: new Date(Date.UTC(q.year, q.quarter * 3, 1)) };
}

/** The `count` quarters up to the one of `now`, newest first: the picker's choices. */
export function recentQuarters(now: Date, count = 8): Quarter[] {
  const current = quarterOf(now);
  return Array.from({ length: count }, (_, i) => {
    const index = current.year * 4 + (current.quarter - 1) - i;
    return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter["quarter"] };
  });
}

/**
 * One line of the return: the platform's digital sales to consumers of `country` at `rateBasisPoints`,
 * in one currency. Receipts of the quarter count in, credit notes of the quarter count out (a
 * refund is declared in the quarter it is made, whenever the sale was).
 */
export type OssRow = {
  country: string | null;
  rateBasisPoints: number;
  currency: string;
  taxable: number;
  vat: number;
  receipts: number;
  creditNotes: number;
};

/**
 * VAT the platform collected in the quarter, per country, rate and currency: the lines of its
 * receipts and credit notes whose VAT the platform owes (liability 'platform'), by issue date.
 * Amounts are the documents' own, copied when they were issued; taxable = gross − VAT.
 */
export async function ossReturn(db: DbOrTx, q: Quarter): Promise<OssRow[]> {
  const { from, to } = quarterRange(q);
  const rows = await db.execute<{
    country: string | null;
    rate: number;
    currency: string;
    gross: string;
    vat: string;
    receipts: string;
    credit_notes: string;
  }>(sql`
    select d.vat_country as country, (line->>'vatRateBasisPoints')::int as rate, d.currency,
      sum(case when d.kind = 'receipt' then 1 else -1 end * (line->>'gross')::bigint)::bigint as gross,
      sum(case when d.kind = 'receipt' then 1 else -1 end * (line->>'vat')::bigint)::bigint as vat,
      count(distinct d.id) filter (where d.kind = 'receipt') as receipts,
      count(distinct d.id) filter (where d.kind = 'credit_note') as credit_notes
    from tax_documents d cross join lateral jsonb_array_elements(d.lines) as line
    where d.issued_at >= ${from.toISOString()}::timestamptz and d.issued_at < ${to.toISOString()}::timestamptz
      and line->>'liability' = 'platform'
    group by 1, 2, 3
    order by 1 nulls last, 2 desc, 3
  `);
  return [...rows].map((r) => ({
    country: r.country,
    rateBasisPoints: Number(r.rate),
    currency: r.currency,
    taxable: Number(r.gross) - Number(r.vat),
    vat: Number(r.vat),
    receipts: Number(r.receipts),
    creditNotes: Number(r.credit_notes),
  }));
}

/** Totals per currency, for the table's last rows (never summed across currencies). */
export function ossTotals(rows: OssRow[]): { currency: string; taxable: number; vat: number }[] {
  const totals = new Map<string, { taxable: number; vat: number }>();
  for (const r of rows) {
    const t = totals.get(r.currency) ?? { taxable: 0, vat: 0 };
    totals.set(r.currency, { taxable: t.taxable + r.taxable, vat: t.vat + r.vat });
  }
  return [...totals].map(([currency, t]) => ({ currency, ...t }));
}

/** The same figures as a spreadsheet: amounts as plain decimals, the rate as a percentage. */
export function ossCsv(rows: OssRow[], q: Quarter): string {
  return toCsv(
    ["Quarter", "Country", "VAT rate (%)", "Currency", "Taxable amount", "VAT", "Receipts", "Credit notes"],
    rows.map((r) => [
      quarterLabel(q),
      r.country ?? "",
      (r.rateBasisPoints / 100).toFixed(2),
      r.currency,
      csvAmount(r.taxable, r.currency),
      csvAmount(r.vat, r.currency),
      r.receipts,
      r.creditNotes,
    ]),
  );
}
