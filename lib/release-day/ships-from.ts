import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { products, releases } from "@/db/schema";

/**
 * Physical editions of a pre-order ship from release day: product id → that moment, for the
 * products given whose release is a published pre-order (the band's order pages say so per line).
 */
export async function preorderShipDates(db: DbOrTx, productIds: (string | null)[]): Promise<Map<string, Date>> {
  const ids = [...new Set(productIds.filter((id): id is string => Boolean(id)))];
  if (!ids.length) return new Map();
  const rows = await db
    .select({ productId: products.id, releaseAt: releases.releaseAt })
    .from(products)
    .innerJoin(releases, eq(releases.id, products.releaseId))
    .where(
      and(
        inArray(products.id, ids),
        eq(releases.status, "published"),
        isNull(releases.releasedAt),
        isNotNull(releases.releaseAt),
      ),
    );
  return new Map(rows.map((row) => [row.productId, row.releaseAt!]));
}
