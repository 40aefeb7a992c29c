import { and, eq, gt, inArray, isNotNull, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { creditAccounts, giftCards, sponsorPrograms } from "@/db/schema";
import { expireCard } from "./expiry";
import { move } from "./ledger";

/**
 * After a sponsor program's end date, what is left of it expires: fans' balances for the program,
 * the matching pool, and cards never redeemed ("expire" moves). The program is marked "ended"
 * once; every run also sweeps ended programs' accounts again, so value that came back after the
 * end (a hold released, a refund) expires too instead of lingering. Each account is locked while
 * its balance is read and moved, so two runs at once expire it once.
 * Returns how many balances it expired.
 */
export async function expireEndedPrograms(db: DbOrTx, now = new Date()): Promise<number> {
  await db
    .update(sponsorPrograms)
    .set({ status: "ended" })
    .where(
      and(eq(sponsorPrograms.status, "active"), isNotNull(sponsorPrograms.endsAt), lte(sponsorPrograms.endsAt, now)),
    );
  const ended = db.select({ id: sponsorPrograms.id }).from(sponsorPrograms).where(eq(sponsorPrograms.status, "ended"));
  let count = 0;

  const cards = await db
    .select({ id: giftCards.id })
    .from(giftCards)
    .where(and(inArray(giftCards.programId, ended), eq(giftCards.status, "active")));
  for (const { id } of cards) if (await expireCard(db, id)) count++;

  const accounts = await db
    .select({ id: creditAccounts.id })
    .from(creditAccounts)
    .where(
      and(
        inArray(creditAccounts.programId, ended),
        inArray(creditAccounts.kind, ["fan", "pool"]),
        gt(creditAccounts.balance, 0),
      ),
    );
  for (const { id } of accounts) {
    const expired = await db.transaction(async (tx) => {
      const [account] = await tx.select().from(creditAccounts).where(eq(creditAccounts.id, id)).for("update");
      if (!account?.balance) return false;
      await move(tx, "expire", account, { kind: "expired", currency: account.currency }, account.balance, {
        programId: account.programId,
      });
      return true;
    });
    if (expired) count++;
  }
  return count;
}
