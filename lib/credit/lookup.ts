import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, creditPurchases, giftCards, type CreditPurchase } from "@/db/schema";
import { formatGiftCode, unsealGiftCode } from "./codes";
import { redeemCreditUrl } from "./urls";

/** A credit purchase by its payment session (the test page, the return from the payment page). */
export async function creditPurchaseBySession(
  db: DbOrTx,
  sessionId: string,
  purchaseId?: string,
): Promise<{ purchase: CreditPurchase; band: { name: string; slug: string } | null } | null> {
  if (!sessionId || sessionId.length > 300) return null;
  if (purchaseId !== undefined && !/^[0-9a-f-]{36}$/i.test(purchaseId)) return null;
  const [row] = await db
    .select({ purchase: creditPurchases, bandName: artists.name, bandSlug: artists.slug })
    .from(creditPurchases)
    .leftJoin(artists, eq(artists.id, creditPurchases.artistId))
    .where(
      and(
        eq(creditPurchases.providerSessionId, sessionId),
        ...(purchaseId ? [eq(creditPurchases.id, purchaseId)] : []),
      ),
    )
    .limit(1);
  if (!row) return null;
  return {
    purchase: row.purchase,
    band: row.bandName && row.bandSlug ? { name: row.bandName, slug: row.bandSlug } : null,
  };
}

/** The cards a paid purchase issued, with their codes (for the buyer who holds its session). */
export async function purchaseCards(db: DbOrTx, purchaseId: string) {
  const cards = await db
    .select()
    .from(giftCards)
    .where(eq(giftCards.purchaseId, purchaseId))
    .orderBy(asc(giftCards.createdAt), asc(giftCards.id));
  return cards.flatMap((card) => {
    const code = unsealGiftCode(card.codeSealed);
    return code ? [{ card, code: formatGiftCode(code), redeemUrl: redeemCreditUrl(code) }] : [];
  });
}
