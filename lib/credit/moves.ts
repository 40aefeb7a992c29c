import type { CreditAccountKind, LedgerKind } from "@/db/schema";

/**
 * The ledger's rules, pure so they can be checked on random sequences (tests/unit/ledger.test.ts)
 * and enforced by every write (lib/credit/ledger.ts). Each move takes an amount from one account
 * and gives it to another; bounded accounts never go below zero, system accounts are the other
 * side of each move and their balance is the sum of their entries (issued and others go negative).
 */
export const BOUNDED_KINDS: ReadonlySet<CreditAccountKind> = new Set(["fan", "card", "pool", "held"]);
export const isBounded = (kind: CreditAccountKind) => BOUNDED_KINDS.has(kind);

/** Which account kinds each move may take from and give to. */
export const MOVES: Record<LedgerKind, { from: readonly CreditAccountKind[]; to: readonly CreditAccountKind[] }> = {
  /** A card or a top-up paid for: value comes into being. */
  issue: { from: ["issued"], to: ["card", "fan"] },
  /** A sponsor's matching pool paid for. */
  fund: { from: ["issued"], to: ["pool"] },
  /** A card's value into the fan's balance. */
  redeem: { from: ["card"], to: ["fan"] },
  /** A sponsor's pool adds to what a fan put in. */
  match: { from: ["pool"], to: ["fan"] },
  /** Checkout opened: the balance is set aside for the order until it is paid or canceled. */
  hold: { from: ["fan"], to: ["held"] },
  /** The order was not paid: what was set aside goes back. */
  release: { from: ["held"], to: ["fan"] },
  /** The order was paid: the credit is spent at the band. */
  spend: { from: ["held"], to: ["spent"] },
  /** A refund of what credit paid goes back to the balance. */
  refund: { from: ["spent"], to: ["fan"] },
  /** Past its date: a card not redeemed, a program's credit after its end, a pool's rest. */
  expire: { from: ["card", "fan", "pool"], to: ["expired"] },
  /** The payment that bought the value was refunded or disputed: what is left is frozen. */
  freeze: { from: ["card", "fan", "pool"], to: ["frozen"] },
};

export type MoveCheck = { ok: true } | { ok: false; reason: "not_positive" | "same_account" | "wrong_accounts" };

export function checkMove(
  kind: LedgerKind,
  from: { id: string; kind: CreditAccountKind },
  to: { id: string; kind: CreditAccountKind },
  amount: number,
): MoveCheck {
  if (!Number.isSafeInteger(amount) || amount <= 0) return { ok: false, reason: "not_positive" };
  if (from.id === to.id) return { ok: false, reason: "same_account" };
  const rule = MOVES[kind];
  if (!rule.from.includes(from.kind) || !rule.to.includes(to.kind)) return { ok: false, reason: "wrong_accounts" };
  return { ok: true };
}

/** What a move does to balances: who must hold at least `amount` first, and the changes. */
export type MovePlan =
  | { ok: true; debit: string | null; credit: string | null; amount: number }
  | { ok: false; reason: "not_positive" | "same_account" | "wrong_accounts" | "insufficient" };

/**
 * The move as balance changes, given what the source holds now (null for system accounts, which
 * are never bounded). The database applies the same plan with one conditional UPDATE.
 */
export function planMove(
  kind: LedgerKind,
  from: { id: string; kind: CreditAccountKind; balance: number | null },
  to: { id: string; kind: CreditAccountKind },
  amount: number,
): MovePlan {
  const check = checkMove(kind, from, to, amount);
  if (!check.ok) return check;
  const debit = isBounded(from.kind) ? from.id : null;
  if (debit && (from.balance ?? 0) < amount) return { ok: false, reason: "insufficient" };
  return { ok: true, debit, credit: isBounded(to.kind) ? to.id : null, amount };
}

/** Per currency, what the ledger says in the words of the operator's report. */
export type LedgerTotals = {
  issued: number;
  spent: number;
  refunded: number;
  expired: number;
  frozen: number;
  /** Value fans and cards still hold (bounded accounts): issued − spent + refunded − expired − frozen. */
  outstanding: number;
};

export const emptyTotals = (): LedgerTotals => ({
  issued: 0,
  spent: 0,
  refunded: 0,
  expired: 0,
  frozen: 0,
  outstanding: 0,
});

/** Adds one entry to running totals; "spent" counts only what was spent and not refunded as "refunded". */
export function addToTotals(totals: LedgerTotals, kind: LedgerKind, amount: number): LedgerTotals {
  const next = { ...totals };
  if (kind === "issue" || kind === "fund") next.issued += amount;
  else if (kind === "spend") next.spent += amount;
  else if (kind === "refund") next.refunded += amount;
  else if (kind === "expire") next.expired += amount;
  else if (kind === "freeze") next.frozen += amount;
  next.outstanding = next.issued - next.spent + next.refunded - next.expired - next.frozen;
  return next;
}
