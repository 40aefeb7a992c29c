import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orders, type Cart } from "@/db/schema";
import { logger } from "@/lib/log";
import { paymentProvider } from "@/lib/payments";
import { cancelOrder } from "./cancel";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The fan came back to the cart from the payment page ("back" on Stripe): the held units go back
 * on sale now rather than in 30 minutes. Only an order of this very cart (the cookie) is touched,
 * and only once the provider confirms its session can no longer be paid.
 */
export async function abandonCheckout(db: DbOrTx, cart: Cart, orderId: string): Promise<boolean> {
  if (!UUID.test(orderId)) return false;
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.cartId, cart.id), eq(orders.status, "pending")));
  if (!order?.providerSessionId || order.provider === "free") return false;
  try {
    const provider = paymentProvider(db);
    if (provider.name !== order.provider || !(await provider.cancelCheckout(order.providerSessionId))) return false;
  } catch (error) {
    logger.warn({ err: error, orderId }, "could not close the payment session; it will expire by itself");
    return false;
  }
  return (await cancelOrder(db, order.id, "declined")).outcome === "canceled";
}
