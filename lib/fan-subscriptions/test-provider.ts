import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { fanSubscriptionInvoices, fanSubscriptions, paymentEvents, type FanSubscription } from "@/db/schema";
import { nextPeriodEnd } from "@/lib/billing";
import { deliverSoon } from "@/lib/email";
import { logger } from "@/lib/log";
import { testPaymentsActive } from "@/lib/payments";
import { fanCheckoutCompleted, fanInvoiceFailed, fanInvoicePaid, fanSubscriptionChanged } from "./lifecycle";

/**
 * The offline provider's fan subscriptions (never with a Stripe key, never in production): each
 * step plays the event Stripe would send, through the same lifecycle functions, with an event id
 * recorded in payment_events in the transaction of its effect. Tests drive renewals with these.
 */
const newId = (prefix: string) => `test_${prefix}_${randomBytes(12).toString("base64url")}`;
const log = logger.child({ provider: "test", area: "fan-subscriptions" });

export type TestFanResult = { ok: true } | { ok: false; reason: "unavailable" | "not_found" | "wrong_state" };

async function simulate(tx: Tx, type: string) {
  await tx.insert(paymentEvents).values({ id: newId("evt"), provider: "test", type });
}

/** Runs `change` on one test subscription (locked), then sends the mail it queued. */
export async function withTestFanSubscription(
  db: Db,
  where: { id: string } | { sessionId: string },
  change: (tx: Tx, sub: FanSubscription) => Promise<TestFanResult>,
): Promise<TestFanResult> {
  if (!testPaymentsActive()) return { ok: false, reason: "unavailable" };
  const result = await db.transaction(async (tx) => {
    const [sub] = await tx
      .select()
      .from(fanSubscriptions)
      .where(
        and(
          eq(fanSubscriptions.provider, "test"),
          "id" in where ? eq(fanSubscriptions.id, where.id) : eq(fanSubscriptions.providerSessionId, where.sessionId),
        ),
      )
      .for("update");
    return sub ? change(tx, sub) : ({ ok: false, reason: "not_found" } as const);
  });
  if (result.ok) void deliverSoon(db);
  return result;
}

export async function testFanCheckout(db: Db, sessionId: string) {
  const [row] = await db
    .select()
    .from(fanSubscriptions)
    .where(and(eq(fanSubscriptions.provider, "test"), eq(fanSubscriptions.providerSessionId, sessionId)));
  return row ?? null;
}

/** "Pay" on the test checkout: checkout completed, then the first invoice paid. */
export function payTestFanCheckout(db: Db, sessionId: string) {
  return withTestFanSubscription(db, { sessionId }, async (tx, sub) => {
    if (sub.status !== "incomplete") return { ok: false, reason: "wrong_state" };
    const now = new Date();
    await tx
      .update(fanSubscriptions)
      .set({ providerSubscriptionId: newId("sub") })
      .where(eq(fanSubscriptions.id, sub.id));
    await simulate(tx, "checkout.session.completed");
    const linked = await fanCheckoutCompleted(tx, sub, { customerId: newId("cus"), paid: true }, log);
    if (linked.status !== "active") return { ok: false, reason: "wrong_state" };
    await simulate(tx, "invoice.paid");
    const periodEnd = nextPeriodEnd(now, sub.interval);
    await fanInvoicePaid(
      tx,
      linked,
      { invoiceId: newId("in"), amount: sub.amount, currency: sub.currency, periodEnd, at: now },
      log,
    );
    return { ok: true };
  });
}

/** A renewal paid; while past due, the failed invoice's retry succeeds. */
export function renewTestFanSubscription(db: Db, id: string) {
  return withTestFanSubscription(db, { id }, async (tx, sub) => {
    if (sub.status !== "active" && sub.status !== "past_due") return { ok: false, reason: "wrong_state" };
    const [failed] = await tx
      .select()
      .from(fanSubscriptionInvoices)
      .where(and(eq(fanSubscriptionInvoices.subscriptionId, sub.id), eq(fanSubscriptionInvoices.status, "failed")))
      .orderBy(desc(fanSubscriptionInvoices.periodEnd))
      .limit(1);
    await simulate(tx, "invoice.paid");
    await fanInvoicePaid(
      tx,
      sub,
      {
        invoiceId: failed?.providerInvoiceId ?? newId("in"),
        amount: sub.amount,
        currency: sub.currency,
        periodEnd: failed?.periodEnd ?? nextPeriodEnd(sub.currentPeriodEnd ?? new Date(), sub.interval),
        at: new Date(),
      },
      log,
    );
    return { ok: true };
  });
}

/** The card is refused for the next period: past due, the grace period starts, the fan is told. */
export function failTestFanRenewal(db: Db, id: string) {
  return withTestFanSubscription(db, { id }, async (tx, sub) => {
    if (sub.status !== "active") return { ok: false, reason: "wrong_state" };
    await simulate(tx, "invoice.payment_failed");
    await fanInvoiceFailed(
      tx,
      sub,
      {
        invoiceId: newId("in"),
        amount: sub.amount,
        currency: sub.currency,
        periodEnd: nextPeriodEnd(sub.currentPeriodEnd ?? new Date(), sub.interval),
        at: new Date(),
      },
      log,
    );
    return { ok: true };
  });
}

/** Cancel at the period's end or take it back (customer.subscription.updated), or end it now (.deleted). */
export function changeTestFanSubscription(db: Db, id: string, how: "period_end" | "resume" | "now") {
  return withTestFanSubscription(db, { id }, async (tx, sub) => {
    if (sub.status !== "active" && sub.status !== "past_due") return { ok: false, reason: "wrong_state" };
    await simulate(tx, how === "now" ? "customer.subscription.deleted" : "customer.subscription.updated");
    await fanSubscriptionChanged(
      tx,
      sub,
      {
        status: how === "now" ? "canceled" : "other",
        periodEnd: sub.currentPeriodEnd,
        cancelAtPeriodEnd: how === "period_end",
        eventAt: new Date(),
      },
      log,
    );
    return { ok: true };
  });
}
