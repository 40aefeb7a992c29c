import { randomBytes } from "node:crypto";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, creditPayouts, orders, type Order } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { stripeClient } from "@/lib/payments";
import { creditPayoutAmount } from "./spend-plan";

/*
 * The band's share of what credit paid on an order reaches it like a card sale's payout: a Stripe
 * transfer to its connected account, grouped with the order's charge. Offline (test payments) the
 * payout is recorded as sent with a test id, as no money moves anywhere.
 */

const stripeOn = () => Boolean(env().STRIPE_SECRET_KEY);

/** In fulfilment's transaction: the order is paid, the band is owed its share of the credit part. */
export async function createCreditPayout(tx: DbOrTx, order: Order) {
  if (order.creditAmount <= 0) return;
  const amount = creditPayoutAmount(order);
  const [artist] = await tx
    .select({ payoutAccountId: artists.payoutAccountId })
    .from(artists)
    .where(eq(artists.id, order.artistId));
  await tx
    .insert(creditPayouts)
    .values({
      orderId: order.id,
      artistId: order.artistId,
      amount,
      currency: order.currency,
      // Nothing to send (the fee took the whole credit part): done at once.
      status: amount > 0 ? "pending" : "sent",
      destinationAccountId: order.destinationAccountId ?? artist?.payoutAccountId ?? null,
      provider: stripeOn() ? "stripe" : "test",
    })
    .onConflictDoNothing({ target: creditPayouts.orderId });
}

/**
 * Sends pending (and retries failed) payouts; each row is claimed with SKIP LOCKED so two workers
 * never send one twice, and Stripe's idempotency key makes a retry after a lost answer harmless.
 * Each row is tried once per run, so one that keeps failing does not hold up the others.
 * Returns how many were sent.
 */
export async function sendCreditPayouts(db: DbOrTx, limit = 50): Promise<number> {
  let sent = 0;
  const tried: string[] = [];
  for (let i = 0; i < limit; i++) {
    const outcome = await db.transaction(async (tx) => {
      const [payout] = await tx
        .select()
        .from(creditPayouts)
        .where(
          and(
            inArray(creditPayouts.status, ["pending", "failed"]),
            eq(creditPayouts.provider, stripeOn() ? "stripe" : "test"),
            tried.length ? notInArray(creditPayouts.id, tried) : undefined,
          ),
        )
        .orderBy(creditPayouts.updatedAt)
        .limit(1)
        .for("update", { skipLocked: true });
      if (!payout) return "none" as const;
      tried.push(payout.id);
      const amount = payout.amount - payout.reversedAmount;
      try {
        const transferId = amount <= 0 ? null : await transfer(tx, payout, amount);
        await tx
          .update(creditPayouts)
          .set({
            status: "sent",
            transferId,
            sentAt: new Date(),
            attempts: sql`${creditPayouts.attempts} + 1`,
            lastError: null,
          })
          .where(eq(creditPayouts.id, payout.id));
        return "sent" as const;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.error({ err: error, orderId: payout.orderId }, "credit payout failed; it will be retried");
        await tx
          .update(creditPayouts)
          .set({ status: "failed", attempts: sql`${creditPayouts.attempts} + 1`, lastError: message.slice(0, 500) })
          .where(eq(creditPayouts.id, payout.id));
        return "failed" as const;
      }
    });
    if (outcome === "none") break;
    if (outcome === "sent") sent++;
  }
  return sent;
}

async function transfer(tx: DbOrTx, payout: typeof creditPayouts.$inferSelect, amount: number) {
  if (payout.provider === "test") return `test_tr_${randomBytes(12).toString("base64url")}`;
  let destination = payout.destinationAccountId;
  if (!destination) {
    const [artist] = await tx
      .select({ payoutAccountId: artists.payoutAccountId })
      .from(artists)
      .where(eq(artists.id, payout.artistId));
    destination = artist?.payoutAccountId ?? null;
    if (!destination) throw new Error("The band has no connected payout account yet.");
    await tx.update(creditPayouts).set({ destinationAccountId: destination }).where(eq(creditPayouts.id, payout.id));
  }
  const result = await stripeClient().transfers.create(
    {
      amount,
      currency: payout.currency.toLowerCase(),
      destination,
      transfer_group: payout.orderId,
      metadata: { orderId: payout.orderId, creditPayoutId: payout.id },
    },
    { idempotencyKey: `credit-payout:${payout.orderId}` },
  );
  return result.id;
}

/**
 * A refund gave `creditRefunded` back to the fan's balance: the band returns its share of it. A
 * payout not sent yet simply sends less; a sent one is reversed at Stripe (idempotent per running
 * total, so a retry reverses once).
 */
export async function reverseCreditPayout(db: DbOrTx, order: Order, creditRefunded: number) {
  if (creditRefunded <= 0 || order.creditAmount <= 0) return;
  await db.transaction(async (tx) => {
    const [payout] = await tx
      .select()
      .from(creditPayouts)
      .where(eq(creditPayouts.orderId, order.id))
      .limit(1)
      .for("update");
    if (!payout) return;
    // The band's share of what has been given back so far, in proportion to its share of the credit.
    const target =
      order.creditRefunded >= order.creditAmount
        ? payout.amount
        : Math.floor((payout.amount * order.creditRefunded) / order.creditAmount);
    const more = target - payout.reversedAmount;
    if (more <= 0) return;
    if (payout.status === "sent" && payout.transferId && payout.provider === "stripe")
      await stripeClient().transfers.createReversal(
        payout.transferId,
        { amount: more, metadata: { orderId: order.id } },
        { idempotencyKey: `credit-payout-reversal:${order.id}:to-${target}` },
      );
    await tx
      .update(creditPayouts)
      .set({ reversedAmount: target })
      .where(and(eq(creditPayouts.id, payout.id), eq(creditPayouts.reversedAmount, payout.reversedAmount)));
  });
}

/**
 * Reversals a refund could not make at the time (Stripe unreachable): the refund stands, so the
 * chore retries what is still due; the idempotency key per running total makes a reversal that
 * did go through (its answer lost) count once. Returns how many payouts were brought up to date.
 */
export async function reverseDueCreditPayouts(db: DbOrTx, limit = 50): Promise<number> {
  const due = await db
    .select({ order: orders })
    .from(creditPayouts)
    .innerJoin(orders, eq(orders.id, creditPayouts.orderId))
    .where(
      sql`${orders.creditRefunded} > 0 and ${creditPayouts.reversedAmount} < case
        when ${orders.creditRefunded} >= ${orders.creditAmount} then ${creditPayouts.amount}
        else floor(${creditPayouts.amount}::numeric * ${orders.creditRefunded} / ${orders.creditAmount}) end`,
    )
    .limit(limit);
  let done = 0;
  for (const { order } of due) {
    try {
      await reverseCreditPayout(db, order, order.creditRefunded);
      done++;
    } catch (error) {
      logger.error({ err: error, orderId: order.id }, "reversing a credit payout failed again; it will be retried");
    }
  }
  return done;
}
