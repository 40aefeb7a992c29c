import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { creditPurchases, type CreditPurchase } from "@/db/schema";

/** A credit purchase by its payment session (the test provider's payment page finds it this way). */
export async function creditPurchaseBySession(
  db: DbOrTx,
  sessionId: string,
  provider: "test" | "stripe",
): Promise<CreditPurchase | null> {
  const [purchase] = await db
    .select()
    .from(creditPurchases)
    .where(and(eq(creditPurchases.providerSessionId, sessionId), eq(creditPurchases.provider, provider)))
    .limit(1);
  return purchase ?? null;
}

/** Where the buyer lands once a credit purchase is paid: a sponsor's program page, or the fan's library. */
export const creditReturnPath = (purchase: Pick<CreditPurchase, "kind" | "programId">) =>
  (purchase.kind === "sponsor_cards" || purchase.kind === "sponsor_pool") && purchase.programId
    ? `/sponsor/programs/${purchase.programId}?paid=1`
    : "/library";
