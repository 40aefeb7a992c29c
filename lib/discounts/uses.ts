import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { discountCodes } from "@/db/schema";

/**
 * A use of a limited code belongs to an order from the moment the order is created, not from its
 * payment: otherwise every fan checking out at once passes the limit check and a one-use code is
 * spent six times. One conditional UPDATE, so concurrent checkouts queue on the code's row and
 * only those that still find room get a use. False when the code is used up.
 */
export async function claimDiscountUse(tx: DbOrTx, discountCodeId: string): Promise<boolean> {
  const claimed = await tx
    .update(discountCodes)
    .set({ usedCount: sql`${discountCodes.usedCount} + 1` })
    .where(
      and(
        eq(discountCodes.id, discountCodeId),
        or(isNull(discountCodes.usageLimit), lt(discountCodes.usedCount, discountCodes.usageLimit)),
      ),
    )
    .returning({ id: discountCodes.id });
  return claimed.length > 0;
}

/** A checkout that will not be paid (declined, expired, failed) gives its use back. */
export async function releaseDiscountUse(tx: DbOrTx, discountCodeId: string) {
  await tx
    .update(discountCodes)
    .set({ usedCount: sql`${discountCodes.usedCount} - 1` })
    .where(and(eq(discountCodes.id, discountCodeId), gt(discountCodes.usedCount, 0)));
}
