import { and, eq, lt, notExists } from "drizzle-orm";
import type { Logger } from "pino";
import type Stripe from "stripe";
import type { DbOrTx, Tx } from "@/db/client";
import { creditPurchases, sponsorPrograms } from "@/db/schema";
import { confirmationOf, creditPurchaseIdOf } from "@/lib/payments";
import { freezeCreditPurchase } from "./freeze";
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

/**
 * Nobody paid: the purchase closes (a late payment then finds it canceled and is logged for a
 * refund), and a sponsor's program waiting for it is canceled with it.
 */
export async function cancelCreditPurchase(tx: DbOrTx, purchaseId: string) {
  const [purchase] = await tx
    .update(creditPurchases)
    .set({ status: "canceled" })
    .where(and(eq(creditPurchases.id, purchaseId), eq(creditPurchases.status, "pending")))
    .returning({ programId: creditPurchases.programId });
  if (purchase?.programId)
    await tx
      .update(sponsorPrograms)
      .set({ status: "canceled" })
      .where(and(eq(sponsorPrograms.id, purchase.programId), eq(sponsorPrograms.status, "pending")));
}

/**
 * Purchases whose payment page has closed without a word from the provider (the test provider
 * sends none; a lost Stripe event): canceled an hour past their expiry, each in its own
 * transaction. A payment that still arrives is logged for a refund, as for orders. Sponsors'
 * programs left pending with no purchase that could still pay them are canceled too.
 */
export async function expireStaleCreditPurchases(db: DbOrTx, now = new Date()): Promise<number> {
  const stale = await db
    .select({ id: creditPurchases.id })
    .from(creditPurchases)
    .where(
      and(eq(creditPurchases.status, "pending"), lt(creditPurchases.expiresAt, new Date(now.getTime() - 3_600_000))),
    )
    .limit(200);
  for (const { id } of stale) await db.transaction((tx) => cancelCreditPurchase(tx, id));
  // A program written but whose purchase never started (the process died between the two, or
  // the provider refused and the cancel was lost): nothing can pay it any more.
  const orphans = await db
    .update(sponsorPrograms)
    .set({ status: "canceled" })
    .where(
      and(
        eq(sponsorPrograms.status, "pending"),
        lt(sponsorPrograms.createdAt, new Date(now.getTime() - 3_600_000)),
        notExists(
          db
            .select({ id: creditPurchases.id })
            .from(creditPurchases)
            .where(and(eq(creditPurchases.programId, sponsorPrograms.id), eq(creditPurchases.status, "pending"))),
        ),
      ),
    )
    .returning({ id: sponsorPrograms.id });
  return stale.length + orphans.length;
}

/** The PaymentIntent a charge or a dispute belongs to, and the credit purchase it paid for. */
async function purchaseOfPayment(tx: Tx, paymentId: string | null, metadataId: string | null | undefined) {
  if (metadataId) return metadataId;
  if (!paymentId) return null;
  const [row] = await tx
    .select({ id: creditPurchases.id })
    .from(creditPurchases)
    .where(eq(creditPurchases.providerPaymentId, paymentId))
    .limit(1);
  return row?.id ?? null;
}

const paymentIdOf = (ref: string | { id: string } | null | undefined) =>
  typeof ref === "string" ? ref : (ref?.id ?? null);

/**
 * A refund of a credit purchase's charge freezes its unspent value (lib/credit/freeze.ts).
 * False when the charge paid for an order, not for credit. A refund that outruns the payment is
 * refused, so Stripe redelivers it after the payment is applied.
 */
export async function onCreditChargeRefunded(tx: Tx, charge: Stripe.Charge, log: Logger): Promise<boolean> {
  const purchaseId = await purchaseOfPayment(tx, paymentIdOf(charge.payment_intent), charge.metadata?.creditPurchaseId);
  if (!purchaseId) return false;
  await freezeFor(tx, purchaseId, "refunded", charge.amount_refunded, log);
  return true;
}

/** A dispute opened on a credit purchase's charge: its unspent value is frozen at once. */
export async function onCreditDisputeCreated(tx: Tx, dispute: Stripe.Dispute, log: Logger): Promise<boolean> {
  const purchaseId = await purchaseOfPayment(
    tx,
    paymentIdOf(dispute.payment_intent),
    dispute.metadata?.creditPurchaseId,
  );
  if (!purchaseId) return false;
  await freezeFor(tx, purchaseId, "disputed", 0, log);
  return true;
}

async function freezeFor(tx: Tx, purchaseId: string, status: "refunded" | "disputed", refunded: number, log: Logger) {
  const result = await freezeCreditPurchase(tx, purchaseId, status, refunded);
  if (result.outcome === "not_paid_yet")
    throw new Error(`Credit purchase ${purchaseId} was ${status} before it was paid; applied on Stripe's retry.`);
  log.info(
    { purchaseId, status, outcome: result.outcome, frozen: result.outcome === "frozen" ? result.frozen : 0 },
    "credit purchase payment reversed",
  );
}
