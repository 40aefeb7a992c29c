import { and, eq, gte, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { creditAccounts, ledgerEntries, type CreditAccount, type LedgerKind } from "@/db/schema";
import { ensureAccount, type AccountSpec } from "./accounts";
import { addToTotals, emptyTotals, planMove, type LedgerTotals } from "./moves";

/** The account to take from has less than the amount: nothing was written. */
export class InsufficientCredit extends Error {
  constructor(
    readonly accountId: string,
    readonly amount: number,
  ) {
    super(`Credit account ${accountId} holds less than ${amount}.`);
  }
}

export type MoveRefs = {
  orderId?: string | null;
  giftCardId?: string | null;
  programId?: string | null;
  purchaseId?: string | null;
};

type AccountRef = AccountSpec | CreditAccount;
const resolve = (db: DbOrTx, ref: AccountRef) => ("id" in ref ? Promise.resolve(ref) : ensureAccount(db, ref));

/**
 * One ledger entry and the balances it changes, inside the caller's transaction. A bounded
 * account is debited with one conditional UPDATE (`balance >= amount`), so a hundred checkouts
 * spending one balance at once cannot take it below zero: the losers get InsufficientCredit.
 */
export async function move(
  tx: DbOrTx,
  kind: LedgerKind,
  fromRef: AccountRef,
  toRef: AccountRef,
  amount: number,
  refs: MoveRefs = {},
): Promise<{ entryId: string; from: CreditAccount; to: CreditAccount }> {
  const [from, to] = [await resolve(tx, fromRef), await resolve(tx, toRef)];
  if (from.currency !== to.currency)
    throw new Error(`Ledger move ${kind}: ${from.key} is in ${from.currency}, ${to.key} in ${to.currency}.`);
  // The balance read with the account may be stale: the plan decides the shape of the move, the
  // conditional UPDATE below decides whether the money is there.
  const plan = planMove(kind, { ...from, balance: from.balance === null ? null : Number.MAX_SAFE_INTEGER }, to, amount);
  if (!plan.ok)
    throw new Error(`Ledger move ${kind} of ${amount} from ${from.key} to ${to.key} refused: ${plan.reason}.`);
  if (plan.debit) {
    const taken = await tx
      .update(creditAccounts)
      .set({ balance: sql`${creditAccounts.balance} - ${amount}` })
      .where(and(eq(creditAccounts.id, plan.debit), gte(creditAccounts.balance, amount)))
      .returning({ id: creditAccounts.id });
    if (!taken.length) throw new InsufficientCredit(from.id, amount);
  }
  if (plan.credit)
    await tx
      .update(creditAccounts)
      .set({ balance: sql`${creditAccounts.balance} + ${amount}` })
      .where(eq(creditAccounts.id, plan.credit));
  const [entry] = await tx
    .insert(ledgerEntries)
    .values({
      kind,
      fromAccountId: from.id,
      toAccountId: to.id,
      amount,
      currency: from.currency,
      orderId: refs.orderId ?? null,
      giftCardId: refs.giftCardId ?? null,
      programId: refs.programId ?? null,
      purchaseId: refs.purchaseId ?? null,
    })
    .returning({ id: ledgerEntries.id });
  return { entryId: entry.id, from, to };
}

/** What the whole ledger says, per currency (the operator's report). */
export async function ledgerTotals(db: DbOrTx): Promise<Map<string, LedgerTotals>> {
  const rows = await db
    .select({
      currency: ledgerEntries.currency,
      kind: ledgerEntries.kind,
      amount: sql<string>`sum(${ledgerEntries.amount})`,
    })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.currency, ledgerEntries.kind);
  const totals = new Map<string, LedgerTotals>();
  for (const row of rows)
    totals.set(row.currency, addToTotals(totals.get(row.currency) ?? emptyTotals(), row.kind, Number(row.amount)));
  return totals;
}

export type LedgerCheck = {
  /** Bounded accounts whose stored balance differs from the sum of their entries. */
  drifted: { key: string; balance: number; entries: number }[];
  /** Currencies where the bounded balances do not add up to issued − spent + refunded − expired − frozen. */
  unbalanced: { currency: string; balances: number; outstanding: number }[];
};

/**
 * The ledger's invariants, checked against the stored balances (tests and the operator's report),
 * in one snapshot so moves committing meanwhile cannot make it disagree with itself.
 */
export function checkLedger(db: Db): Promise<LedgerCheck> {
  return db.transaction((tx) => checkLedgerIn(tx), { isolationLevel: "repeatable read", accessMode: "read only" });
}

async function checkLedgerIn(db: DbOrTx): Promise<LedgerCheck> {
  const drifted = await db.execute<{ key: string; balance: number; entries: number }>(sql`
    select a.key, a.balance,
      coalesce((select sum(amount) from ledger_entries where to_account_id = a.id), 0)
      - coalesce((select sum(amount) from ledger_entries where from_account_id = a.id), 0) as entries
    from credit_accounts a
    where a.balance is not null
      and a.balance <> coalesce((select sum(amount) from ledger_entries where to_account_id = a.id), 0)
                     - coalesce((select sum(amount) from ledger_entries where from_account_id = a.id), 0)`);
  const balances = await db.execute<{ currency: string; total: string }>(
    sql`select currency, sum(balance) as total from credit_accounts where balance is not null group by currency`,
  );
  const totals = await ledgerTotals(db);
  const currencies = new Set([...totals.keys(), ...balances.map((b) => b.currency)]);
  const unbalanced = [...currencies].flatMap((currency) => {
    const held = Number(balances.find((b) => b.currency === currency)?.total ?? 0);
    const outstanding = totals.get(currency)?.outstanding ?? 0;
    return held === outstanding ? [] : [{ currency, balances: held, outstanding }];
  });
  return {
    drifted: drifted.map((d) => ({ key: d.key, balance: Number(d.balance), entries: Number(d.entries) })),
    unbalanced,
  };
}
