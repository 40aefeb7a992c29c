import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { creditAccounts, programMembers, sponsorPrograms, type CreditPurchase } from "@/db/schema";
import { accountKey, normalizeEmail } from "./accounts";
import { InsufficientCredit, move } from "./ledger";

/** A concurrent top-up or match took what this one had read: read again, a few times at most. */
const ATTEMPTS = 5;

export type Match = { programId: string; amount: number };

/**
 * A fan's own top-up is paid: every active, not-ended matching pool of its currency the fan is
 * enrolled in adds min(top-up, cap − matched so far, pool left), as a "match" move from the pool
 * to the fan's balance for that program. Runs inside fulfillCreditPurchase's transaction; the
 * member's `matched` is raised by a conditional UPDATE (`matched + x <= cap`) and the pool is
 * debited by move's conditional UPDATE, so concurrent top-ups never pass the cap or the pool.
 */
export async function matchTopUp(tx: DbOrTx, purchase: CreditPurchase, now = new Date()): Promise<Match[]> {
  if (purchase.kind !== "top_up" || !purchase.email) return [];
  const email = normalizeEmail(purchase.email);
  const programs = await tx
    .select({ id: sponsorPrograms.id, cap: sponsorPrograms.perFanCap })
    .from(programMembers)
    .innerJoin(sponsorPrograms, eq(sponsorPrograms.id, programMembers.programId))
    .where(
      and(
        eq(programMembers.email, email),
        eq(sponsorPrograms.kind, "match"),
        eq(sponsorPrograms.status, "active"),
        eq(sponsorPrograms.currency, purchase.currency),
        or(isNull(sponsorPrograms.endsAt), gt(sponsorPrograms.endsAt, now)),
      ),
    )
    .orderBy(sponsorPrograms.createdAt);
  const matches: Match[] = [];
  for (const program of programs) {
    const amount = await matchOne(tx, program.id, program.cap ?? 0, email, purchase);
    if (amount > 0) matches.push({ programId: program.id, amount });
  }
  return matches;
}

async function matchOne(tx: DbOrTx, programId: string, cap: number, email: string, purchase: CreditPurchase) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [member] = await tx
      .select({ matched: programMembers.matched })
      .from(programMembers)
      .where(and(eq(programMembers.programId, programId), eq(programMembers.email, email)));
    const [pool] = await tx
      .select({ balance: creditAccounts.balance })
      .from(creditAccounts)
      .where(eq(creditAccounts.key, accountKey({ kind: "pool", programId, currency: purchase.currency })));
    const amount = Math.min(purchase.total, cap - (member?.matched ?? cap), pool?.balance ?? 0);
    if (amount <= 0) return 0;
    // A savepoint: a lost race undoes this attempt only, never the fan's top-up.
    const done = await tx
      .transaction(async (sp) => {
        const raised = await sp
          .update(programMembers)
          .set({ matched: sql`${programMembers.matched} + ${amount}`, updatedAt: new Date() })
          .where(
            and(
              eq(programMembers.programId, programId),
              eq(programMembers.email, email),
              sql`${programMembers.matched} + ${amount} <= ${cap}`,
            ),
          )
          .returning({ matched: programMembers.matched });
        if (!raised.length) return false;
        await move(
          sp,
          "match",
          { kind: "pool", programId, currency: purchase.currency },
          { kind: "fan", email, currency: purchase.currency, scope: { type: "program", programId } },
          amount,
          { programId, purchaseId: purchase.id },
        );
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof InsufficientCredit) return false;
        throw error;
      });
    if (done) return amount;
  }
  return 0;
}
