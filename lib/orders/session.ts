import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, orderItems, orders } from "@/db/schema";

/** An order found by its payment session id (test page, success page), with its band and lines. */
export async function orderBySession(db: DbOrTx, sessionId: string, provider?: "test" | "stripe" | "free") {
  if (!/^[A-Za-z0-9_-]{8,255}$/.test(sessionId)) return null;
  const [row] = await db
    .select({ order: orders, artist: artists })
    .from(orders)
    .innerJoin(artists, eq(artists.id, orders.artistId))
    .where(and(eq(orders.providerSessionId, sessionId), provider ? eq(orders.provider, provider) : undefined))
    .limit(1);
  if (!row) return null;
  const items = await db
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, row.order.id))
    .orderBy(asc(orderItems.createdAt), asc(orderItems.id));
  return { ...row, items };
}
