import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { creditAccounts, creditPurchases, giftCards, type CreditPurchase, type GiftCard } from "@/db/schema";
import { ensureAccount, type AccountSpec } from "./accounts";
import { cardScope } from "./cards";
import { move } from "./ledger";

export type FreezeResult =
  | { outcome: "frozen"; purchase: CreditPurchase; frozen: number }
  | { outcome: "already_closed" | "not_found" }
  | { outcome: "not_paid_yet"; purchase: CreditPurchase };

/**
 * The payment that bought credit was refunded or disputed: the purchase says so and whatever of
 * its value is still unspent is frozen. Cards not redeemed freeze whole; a redeemed card freezes
 * what is left of its value in the redeemer's balance of its scope (what was spent stays spent);
 * a top-up freezes from the fan's platform balance, a sponsor's pool from the pool. Only a paid
 * purchase moves on (conditional UPDATE), so a redelivered or second event freezes nothing more.
 */
export async function freezeCreditPurchase(
  tx: DbOrTx,
  purchaseId: string,
  status: "refunded" | "disputed",
  refundedAmount = 0,
  now = new Date(),
): Promise<FreezeResult> {
  const [purchase] = await tx
    .update(creditPurchases)
    .set({ status, refundedAmount: sql`greatest(${creditPurchases.refundedAmount}, ${refundedAmount})` })
    .where(and(eq(creditPurchases.id, purchaseId), eq(creditPurchases.status, "paid")))
    .returning();
  if (!purchase) {
    const [current] = await tx.select().from(creditPurchases).where(eq(creditPurchases.id, purchaseId)).limit(1);
    if (!current) return { outcome: "not_found" };
    if (current.status === "pending") return { outcome: "not_paid_yet", purchase: current };
    if (refundedAmount > current.refundedAmount)
      await tx.update(creditPurchases).set({ refundedAmount }).where(eq(creditPurchases.id, purchaseId));
    return { outcome: "already_closed" };
  }
  const refs = { purchaseId: purchase.id, programId: purchase.programId };
  let frozen = 0;
  const cards = await tx.select().from(giftCards).where(eq(giftCards.purchaseId, purchase.id));
  for (const card of cards) frozen += await freezeCard(tx, card, now);
  if (purchase.kind === "top_up" && purchase.email)
    frozen += await freezeUpTo(
      tx,
      { kind: "fan", email: purchase.email, currency: purchase.currency, scope: { type: "platform" } },
      purchase.total,
      refs,
    );
  if (purchase.kind === "sponsor_pool" && purchase.programId)
    frozen += await freezeUpTo(
      tx,
      { kind: "pool", programId: purchase.programId, currency: purchase.currency },
      purchase.total,
      refs,
    );
  return { outcome: "frozen", purchase, frozen };
}

async function freezeCard(tx: DbOrTx, card: GiftCard, now: Date): Promise<number> {
  const refs = { giftCardId: card.id, purchaseId: card.purchaseId, programId: card.programId };
  if (card.status === "redeemed" && card.redeemedEmail)
    return freezeUpTo(
      tx,
      { kind: "fan", email: card.redeemedEmail, currency: card.currency, scope: cardScope(card) },
      card.amount,
      refs,
    );
  const [active] = await tx
    .update(giftCards)
    .set({ status: "frozen", frozenAt: now })
    .where(and(eq(giftCards.id, card.id), eq(giftCards.status, "active")))
    .returning();
  if (!active) return 0;
  await move(
    tx,
    "freeze",
    { kind: "card", giftCardId: card.id, currency: card.currency },
    { kind: "frozen", currency: card.currency },
    card.amount,
    refs,
  );
  return card.amount;
}

/** Freezes min(balance, amount) of an account, its row locked so a spend cannot slip between. */
async function freezeUpTo(
  tx: DbOrTx,
  spec: AccountSpec,
  amount: number,
  refs: { giftCardId?: string | null; purchaseId?: string | null; programId?: string | null },
): Promise<number> {
  const account = await ensureAccount(tx, spec);
  const [locked] = await tx
    .select({ balance: creditAccounts.balance })
    .from(creditAccounts)
    .where(eq(creditAccounts.id, account.id))
    .for("update");
  const take = Math.min(locked?.balance ?? 0, amount);
  if (take <= 0) return 0;
  await move(tx, "freeze", account, { kind: "frozen", currency: account.currency }, take, refs);
  return take;
}
