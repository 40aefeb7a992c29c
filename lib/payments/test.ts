import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { creditPurchases, orders } from "@/db/schema";
import { env } from "@/lib/env";
import type { CheckoutState, PaymentProvider } from "./types";

/**
 * Offline payments for a shop with no Stripe account (never in production): the "payment page"
 * is /checkout/test/<session>, which says plainly that no money moves and offers Pay and
 * Decline. Both end in the same fulfilment and cancellation code as real payments.
 */
export function createTestProvider(db: DbOrTx): PaymentProvider {
  return {
    name: "test",
    async createCheckout() {
      const sessionId = `test_${randomBytes(18).toString("base64url")}`;
      return { sessionId, url: new URL(`/checkout/test/${sessionId}`, env().APP_URL).toString() };
    },
    async getCheckoutState(sessionId): Promise<CheckoutState> {
      const [order] = await db.select().from(orders).where(eq(orders.providerSessionId, sessionId)).limit(1);
      if (!order) return creditPurchaseState(db, sessionId);
      if (order.status === "canceled") return { status: "failed" };
      if (order.status !== "pending")
        return { status: "paid", confirmation: { paymentId: order.providerPaymentId ?? sessionId } };
      return order.expiresAt < new Date() ? { status: "expired" } : { status: "open" };
    },
    async cancelCheckout() {
      // The test page's Decline button cancels the order itself; a pending test order can always be closed.
      return true;
    },
    async refund() {
      return { refundId: `test_refund_${randomBytes(12).toString("base64url")}` };
    },
  };
}

/** The test provider's view of a credit purchase (lib/credit): its row is the whole state. */
async function creditPurchaseState(db: DbOrTx, sessionId: string): Promise<CheckoutState> {
  const [purchase] = await db
    .select()
    .from(creditPurchases)
    .where(eq(creditPurchases.providerSessionId, sessionId))
    .limit(1);
  if (!purchase || purchase.status === "canceled") return { status: "failed" };
  if (purchase.status !== "pending")
    return { status: "paid", confirmation: { paymentId: purchase.providerPaymentId ?? sessionId } };
  return purchase.expiresAt < new Date() ? { status: "expired" } : { status: "open" };
}
