import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CreditAccountKind, LedgerKind } from "@/db/schema";
import { addToTotals, emptyTotals, MOVES, planMove, type LedgerTotals } from "@/lib/credit/moves";

/** An in-memory ledger that applies planMove exactly as lib/credit/ledger.ts does in SQL. */
type Account = { id: string; kind: CreditAccountKind; balance: number | null };

function freshLedger() {
  const accounts = new Map<string, Account>();
  const add = (id: string, kind: CreditAccountKind) =>
    accounts.set(id, { id, kind, balance: ["fan", "card", "pool", "held"].includes(kind) ? 0 : null });
  for (const kind of ["issued", "spent", "expired", "frozen"] as const) add(kind, kind);
  for (const id of ["card1", "card2"]) add(id, "card");
  for (const id of ["fan1", "fan2"]) add(id, "fan");
  add("pool1", "pool");
  for (const id of ["held1", "held2"]) add(id, "held");
  return accounts;
}

const kinds = Object.keys(MOVES) as LedgerKind[];
const accountIds = [...freshLedger().keys()];
const operation = fc.record({
  kind: fc.constantFrom(...kinds),
  from: fc.constantFrom(...accountIds),
  to: fc.constantFrom(...accountIds),
  amount: fc.oneof(fc.integer({ min: -50, max: 5000 }), fc.constant(0)),
});

type Operation = { kind: LedgerKind; from: string; to: string; amount: number };

function run(operations: Operation[]) {
  const accounts = freshLedger();
  const entries: { kind: LedgerKind; from: string; to: string; amount: number }[] = [];
  let totals: LedgerTotals = emptyTotals();
  let refused = 0;
  for (const op of operations) {
    const from = accounts.get(op.from)!;
    const to = accounts.get(op.to)!;
    const plan = planMove(op.kind, from, to, op.amount);
    if (!plan.ok) {
      refused++;
      continue;
    }
    if (plan.debit) accounts.get(plan.debit)!.balance! -= plan.amount;
    if (plan.credit) accounts.get(plan.credit)!.balance! += plan.amount;
    entries.push({ kind: op.kind, from: op.from, to: op.to, amount: op.amount });
    totals = addToTotals(totals, op.kind, op.amount);
  }
  return { accounts, entries, totals, refused };
}

describe("the credit ledger's rules, on random sequences of operations", () => {
  it("never takes a fan's balance, a card, a pool or a hold below zero", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (ops) => {
        const { accounts } = run(ops);
        for (const account of accounts.values())
          if (account.balance !== null) expect(account.balance).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps what is held equal to issued − spent + refunded − expired − frozen", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (ops) => {
        const { accounts, totals } = run(ops);
        const held = [...accounts.values()].reduce((sum, a) => sum + (a.balance ?? 0), 0);
        expect(held).toBe(totals.outstanding);
        expect(totals.outstanding).toBe(
          totals.issued - totals.spent + totals.refunded - totals.expired - totals.frozen,
        );
      }),
      { numRuns: 500 },
    );
  });

  it("balances every account against its entries: each one's balance is what came in less what went out", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (ops) => {
        const { accounts, entries } = run(ops);
        const net = new Map<string, number>();
        for (const e of entries) {
          net.set(e.to, (net.get(e.to) ?? 0) + e.amount);
          net.set(e.from, (net.get(e.from) ?? 0) - e.amount);
        }
        // Double entry: all accounts together, system ones included, sum to zero.
        expect([...net.values()].reduce((a, b) => a + b, 0)).toBe(0);
        for (const account of accounts.values())
          if (account.balance !== null) expect(account.balance).toBe(net.get(account.id) ?? 0);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses moves of nothing, of negative amounts, to the same account, or between the wrong kinds of account", () => {
    const fan = { id: "f", kind: "fan" as const, balance: 100 };
    const card = { id: "c", kind: "card" as const, balance: 100 };
    const spent = { id: "s", kind: "spent" as const, balance: null };
    expect(planMove("redeem", card, fan, 0)).toEqual({ ok: false, reason: "not_positive" });
    expect(planMove("redeem", card, fan, -5)).toEqual({ ok: false, reason: "not_positive" });
    expect(planMove("redeem", card, fan, 1.5)).toEqual({ ok: false, reason: "not_positive" });
    expect(planMove("redeem", card, card, 5)).toEqual({ ok: false, reason: "same_account" });
    // Spending skips the hold: only an order's hold is ever spent.
    expect(planMove("spend", fan, spent, 5)).toEqual({ ok: false, reason: "wrong_accounts" });
    expect(planMove("redeem", fan, card, 5)).toEqual({ ok: false, reason: "wrong_accounts" });
    expect(planMove("redeem", card, fan, 101)).toEqual({ ok: false, reason: "insufficient" });
    expect(planMove("redeem", card, fan, 100)).toEqual({ ok: true, debit: "c", credit: "f", amount: 100 });
  });

  it("lets a realistic life of a card add up: bought, redeemed, held, spent, refunded, expired", () => {
    const { accounts, totals, refused } = run([
      { kind: "issue", from: "issued", to: "card1", amount: 2500 },
      { kind: "redeem", from: "card1", to: "fan1", amount: 2500 },
      { kind: "hold", from: "fan1", to: "held1", amount: 1000 },
      { kind: "spend", from: "held1", to: "spent", amount: 1000 },
      { kind: "hold", from: "fan1", to: "held2", amount: 1600 },
      { kind: "refund", from: "spent", to: "fan1", amount: 400 },
      { kind: "expire", from: "fan1", to: "expired", amount: 1900 },
    ]);
    expect(refused).toBe(1); // the 16.00 hold: only 15.00 left then
    expect(accounts.get("fan1")!.balance).toBe(0);
    expect(totals).toEqual({ issued: 2500, spent: 1000, refunded: 400, expired: 1900, frozen: 0, outstanding: 0 });
  });
});
