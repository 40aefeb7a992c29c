import type { Db } from "@/db/client";
import { checkLedger, ledgerTotals, type LedgerCheck, type LedgerTotals } from "@/lib/credit";

export type CreditReport = { currencies: ({ currency: string } & LedgerTotals)[]; check: LedgerCheck };

/** The operator's credit report: the ledger's totals per currency and whether it balances. */
export async function creditReport(db: Db): Promise<CreditReport> {
  const [totals, check] = await Promise.all([ledgerTotals(db), checkLedger(db)]);
  const currencies = [...totals.entries()]
    .map(([currency, t]) => ({ currency, ...t }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return { currencies, check };
}
