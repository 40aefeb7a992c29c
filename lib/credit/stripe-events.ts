import { and, eq } from "drizzle-orm";
import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { creditPurchases } from "@/db/schema";
import { confirmationOf, creditPurchaseIdOf } from "@/lib/payments";
import { fulfillCreditPurchase } from "./purchases";

/** Stripe events about credit purchases; each returns false when the session is not one of ours, so the order handlers take it. */
export async function onCreditCheckoutCompleted(
  tx: Tx,
  session: Stripe.Checkout.Session,
  log: Logger,
): Promise<boolean> {
  const purchaseId = creditPurchaseIdOf(session);
  if (!purchaseId) return false;
  // Cards only: a delayed method's money is not in yet, and credit that could be spent before it
  // arrives would be lost if it never does. async_payment_succeeded brings it.
  if (session.payment_status !== "paid") {
    log.info({ purchaseId }, "credit checkout completed, payment still on its way");
    return true;
  }
  const result = await fulfillCreditPurchase(tx, purchaseId, confirmationOf(session));
  log.info({ purchaseId, outcome: result.outcome }, "credit purchase paid through Stripe");
  return true;
}

export async function onCreditCheckoutExpired(tx: Tx, session: Stripe.Checkout.Session, log: Logger): Promise<boolean> {
  const purchaseId = creditPurchaseIdOf(session);
  if (!purchaseId) return false;
  await cancelCreditPurchase(tx, purchaseId);
  log.info({ purchaseId }, "credit checkout expired");
  return true;
}

/** Nobody paid: the purchase closes (a late payment then finds it canceled and is logged for a refund). */
export async function cancelCreditPurchase(tx: Tx, purchaseId: string) {
  await tx
    .update(creditPurchases)
    .set({ status: "canceled" })
    .where(and(eq(creditPurchases.id, purchaseId), eq(creditPurchases.status, "pending")));
}
