import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { TaxDocumentKind } from "@/db/schema";

const PREFIX: Record<TaxDocumentKind, string> = { receipt: "R", credit_note: "C" };

/** As printed: "R-2026-000042" (kind, year of issue, the series' sequence). */
export function documentNumber(kind: TaxDocumentKind, issuedAt: Date, sequence: number): string {
  return `${PREFIX[kind]}-${issuedAt.getUTCFullYear()}-${String(sequence).padStart(6, "0")}`;
}

/**
 * The next number of a series. The upsert takes the counter row's lock until the issuing
 * transaction ends: two issues of one series queue here instead of reading the same last value,
 * and a transaction that rolls back gives its number back, so the series has no gap.
 */
export async function nextSequence(tx: DbOrTx, issuer: string, kind: TaxDocumentKind): Promise<number> {
  const rows = await tx.execute<{ last: number }>(sql`
    insert into document_counters (issuer, kind, last) values (${issuer}, ${kind}, 1)
    on conflict (issuer, kind) do update set last = document_counters.last + 1
    returning last`);
  return Number(rows[0].last);
}
