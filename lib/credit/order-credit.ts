import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { creditAccounts, ledgerEntries, type CreditAccount } from "@/db/schema";
import { move } from "./ledger";
import { splitRefund } from "./spend-plan";

/*
 * An order's credit through its life: set aside at checkout (hold), given back if the order is
 * not paid (release), spent when it is (spend), and returned to the balances it came from when
 * the band refunds it (refund). The order's hold entries say which balances paid how much.
 */

const held = (orderId: string, currency: string) => ({ kind: "held" as const, orderId, currency });

/** Sets each part aside for the order; InsufficientCredit (a concurrent checkout spent it) undoes the caller's transaction. */
export async function holdOrderCredit(
  tx: DbOrTx,
  orderId: string,
  currency: string,
  parts: readonly { account: CreditAccount; amount: number }[],
) {
  for (const part of parts)
    await move(tx, "hold", part.account, held(orderId, currency), part.amount, {
      orderId,
      programId: part.account.programId,
    });
}

/** What each balance paid into the order's hold, and what has come back to it since. */
async function orderSources(tx: DbOrTx, orderId: string) {
  const entries = await tx
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.orderId, orderId), inArray(ledgerEntries.kind, ["hold", "release", "refund"])));
  const sources = new Map<string, { accountId: string; paid: number; refunded: number }>();
  for (const entry of entries) {
    const accountId = entry.kind === "hold" ? entry.fromAccountId : entry.toAccountId;
    const source = sources.get(accountId) ?? { accountId, paid: 0, refunded: 0 };
    if (entry.kind === "hold") source.paid += entry.amount;
    else source.refunded += entry.amount;
    sources.set(accountId, source);
  }
  return [...sources.values()];
}

async function accountsById(tx: DbOrTx, ids: string[]) {
  if (!ids.length) return new Map<string, CreditAccount>();
  const rows = await tx.select().from(creditAccounts).where(inArray(creditAccounts.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The order will not be paid: what it set aside goes back to each balance it came from. */
export async function releaseOrderCredit(tx: DbOrTx, orderId: string, currency: string) {
  const sources = (await orderSources(tx, orderId)).filter((s) => s.paid > s.refunded);
  const accounts = await accountsById(
    tx,
    sources.map((s) => s.accountId),
  );
  for (const source of sources)
    await move(tx, "release", held(orderId, currency), accounts.get(source.accountId)!, source.paid - source.refunded, {
      orderId,
      programId: accounts.get(source.accountId)!.programId,
    });
}

/** The order is paid: its hold is spent at the band. */
export async function spendOrderCredit(tx: DbOrTx, orderId: string, currency: string, amount: number) {
  if (amount > 0) await move(tx, "spend", held(orderId, currency), { kind: "spent", currency }, amount, { orderId });
}

/** A refund of what credit paid: back to the balances it came from, in proportion to what each paid. */
export async function refundOrderCredit(tx: DbOrTx, orderId: string, currency: string, amount: number) {
  const parts = splitRefund(amount, await orderSources(tx, orderId));
  const accounts = await accountsById(
    tx,
    parts.map((p) => p.accountId),
  );
  for (const part of parts)
    await move(tx, "refund", { kind: "spent", currency }, accounts.get(part.accountId)!, part.amount, {
      orderId,
      programId: accounts.get(part.accountId)!.programId,
    });
  return parts.reduce((sum, p) => sum + p.amount, 0);
}
