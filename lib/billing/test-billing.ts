import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { paymentEvents, planInvoices, planSubscriptions, type PlanSubscription } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { logger } from "@/lib/log";
import { testPaymentsActive } from "@/lib/payments";
import { endGraceOf } from "./grace";
import { checkoutCompleted, invoiceFailed, invoicePaid } from "./lifecycle";
import { nextPeriodEnd } from "./standing";
import { subscriptionChanged } from "./subscription-changed";

/**
 * The offline provider's billing (never with a Stripe key, never in production): each button
 * plays the event Stripe would send, through the same lifecycle functions, with an event id
 * recorded in payment_events in the transaction of its effect.
 */
const newId = (prefix: string) => `test_${prefix}_${randomBytes(12).toString("base64url")}`;
const log = logger.child({ provider: "test", area: "billing" });

/** `events`: the ids recorded for the events played, as Stripe's would be. */
export type TestBillingResult =
  { ok: true; events: string[] } | { ok: false; reason: "unavailable" | "not_found" | "wrong_state" };

async function simulate(tx: Tx, type: string) {
  const id = newId("evt");
  await tx.insert(paymentEvents).values({ id, provider: "test", type });
  return id;
}

/** Runs `change` on the band's test subscription (locked), or says why not. */
async function withTestSubscription(
  db: Db,
  where: { artistId: string } | { sessionId: string },
  change: (tx: Tx, sub: PlanSubscription) => Promise<TestBillingResult>,
): Promise<TestBillingResult> {
  if (!testPaymentsActive()) return { ok: false, reason: "unavailable" };
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select()
      .from(planSubscriptions)
      .where(
        and(
          eq(planSubscriptions.provider, "test"),
          "sessionId" in where
            ? eq(planSubscriptions.providerSessionId, where.sessionId)
            : eq(planSubscriptions.artistId, where.artistId),
        ),
      )
      .orderBy(desc(planSubscriptions.createdAt))
      .limit(1)
      .for("update");
    return sub ? change(tx, sub) : { ok: false, reason: "not_found" };
  });
}

export function testCheckoutSubscription(db: Db, sessionId: string) {
  return db
    .select()
    .from(planSubscriptions)
    .where(and(eq(planSubscriptions.provider, "test"), eq(planSubscriptions.providerSessionId, sessionId)))
    .then((rows) => rows[0] ?? null);
}

/** "Pay" on the test checkout: checkout completed, then the first invoice paid. */
export function payTestCheckout(db: Db, sessionId: string) {
  return withTestSubscription(db, { sessionId }, async (tx, sub) => {
    if (sub.status !== "incomplete") return { ok: false, reason: "wrong_state" };
    const now = new Date();
    await tx
      .update(planSubscriptions)
      .set({ providerSubscriptionId: newId("sub") })
      .where(eq(planSubscriptions.id, sub.id));
    const completed = await simulate(tx, "checkout.session.completed");
    const linked = await checkoutCompleted(tx, sub, { customerId: newId("cus"), paid: true, eventAt: now }, log);
    const paid = await simulate(tx, "invoice.paid");
    const invoice = {
      amount: sub.amount,
      currency: sub.currency,
      periodEnd: nextPeriodEnd(now, sub.interval),
      at: now,
    };
    await invoicePaid(tx, linked, { ...invoice, invoiceId: newId("in") }, log);
    return { ok: true, events: [completed, paid] };
  });
}

/** "Renew now": the next period paid; while past due, the failed invoice's retry succeeds. */
export function renewTestSubscription(db: Db, artistId: string) {
  return withTestSubscription(db, { artistId }, async (tx, sub) => {
    if (sub.status !== "active" && sub.status !== "past_due") return { ok: false, reason: "wrong_state" };
    const [failed] = await tx
      .select()
      .from(planInvoices)
      .where(and(eq(planInvoices.subscriptionId, sub.id), eq(planInvoices.status, "failed")))
      .orderBy(desc(planInvoices.periodEnd))
      .limit(1);
    const periodEnd = failed?.periodEnd ?? nextPeriodEnd(sub.currentPeriodEnd ?? new Date(), sub.interval);
    const event = await simulate(tx, "invoice.paid");
    await invoicePaid(
      tx,
      sub,
      {
        invoiceId: failed?.providerInvoiceId ?? newId("in"),
        amount: sub.amount,
        currency: sub.currency,
        periodEnd,
        at: new Date(),
      },
      log,
    );
    return { ok: true, events: [event] };
  });
}

/** "Fail the next renewal": the card is refused for the next period; the grace period starts. */
export function failTestRenewal(db: Db, artistId: string) {
  return withTestSubscription(db, { artistId }, async (tx, sub) => {
    if (sub.status !== "active") return { ok: false, reason: "wrong_state" };
    const periodEnd = nextPeriodEnd(sub.currentPeriodEnd ?? new Date(), sub.interval);
    const event = await simulate(tx, "invoice.payment_failed");
    await invoiceFailed(
      tx,
      sub,
      { invoiceId: newId("in"), amount: sub.amount, currency: sub.currency, periodEnd, at: new Date() },
      log,
    );
    return { ok: true, events: [event] };
  });
}

/**
 * The test portal's cancel / resume (at the period's end, as Stripe's portal does), or with
 * `now` the subscription's end itself (customer.subscription.deleted): the band goes Free.
 */
export function cancelTestSubscription(db: Db, artistId: string, actor: Actor, how: "period_end" | "resume" | "now") {
  return withTestSubscription(db, { artistId }, async (tx, sub) => {
    if (sub.status !== "active" && sub.status !== "past_due") return { ok: false, reason: "wrong_state" };
    const event = await simulate(tx, how === "now" ? "customer.subscription.deleted" : "customer.subscription.updated");
    await subscriptionChanged(
      tx,
      sub,
      {
        status: how === "now" ? "canceled" : "other",
        periodEnd: sub.currentPeriodEnd,
        cancelAtPeriodEnd: how === "period_end",
        eventAt: new Date(),
        actor,
      },
      log,
    );
    return { ok: true, events: [event] };
  });
}

/** "Skip to end of grace period": moves this subscription's clock 14 days on and runs the chore for it. */
export async function skipTestGrace(db: Db, artistId: string): Promise<TestBillingResult> {
  let id: string | null = null;
  const moved = await withTestSubscription(db, { artistId }, async (tx, sub) => {
    if (sub.status !== "past_due" || !sub.pastDueSince || !sub.graceEndsAt) return { ok: false, reason: "wrong_state" };
    const shift = sub.graceEndsAt.getTime() - Date.now() + 1000;
    await tx
      .update(planSubscriptions)
      .set({
        pastDueSince: new Date(sub.pastDueSince.getTime() - shift),
        graceEndsAt: new Date(sub.graceEndsAt.getTime() - shift),
      })
      .where(eq(planSubscriptions.id, sub.id));
    id = sub.id;
    return { ok: true, events: [] };
  });
  if (moved.ok && id) await endGraceOf(db, id, new Date());
  return moved;
}
