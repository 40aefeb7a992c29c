import { and, eq, isNotNull, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { giftCards } from "@/db/schema";
import { move } from "./ledger";

/**
 * Cards never redeemed and past their date: status expired and their value to the system
 * "expired" account. The conditional UPDATE on `status = 'active'` lets one of two workers
 * running at once through for each card; the ledger move commits with it.
 */
export async function expireCards(db: DbOrTx, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: giftCards.id })
    .from(giftCards)
    .where(and(eq(giftCards.status, "active"), isNotNull(giftCards.expiresAt), lte(giftCards.expiresAt, now)))
    .limit(500);
  let expired = 0;
  for (const { id } of due) if (await expireCard(db, id, now)) expired++;
  return expired;
}

/**
 * One card not redeemed expires: its status and the ledger's move in one transaction, once
 * (`status = 'active'` in the UPDATE). With `dueBy`, only if its own date has passed by then; a
 * sponsor program's end expires its cards whatever their date (./program-end.ts).
 */
export async function expireCard(db: DbOrTx, id: string, dueBy?: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [card] = await tx
      .update(giftCards)
      .set({ status: "expired" })
      .where(
        and(eq(giftCards.id, id), eq(giftCards.status, "active"), ...(dueBy ? [lte(giftCards.expiresAt, dueBy)] : [])),
      )
      .returning();
    if (!card) return false;
    await move(
      tx,
      "expire",
      { kind: "card", giftCardId: card.id, currency: card.currency },
      { kind: "expired", currency: card.currency },
      card.amount,
      { giftCardId: card.id, purchaseId: card.purchaseId, programId: card.programId },
    );
    return true;
  });
}
