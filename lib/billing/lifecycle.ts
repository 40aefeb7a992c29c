import { and, eq, ne, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Tx } from "@/db/client";
import { planInvoices, planSubscriptions, type PlanSubscription } from "@/db/schema";
import { SYSTEM } from "@/lib/audit";
import { setArtistPlan } from "@/lib/plans";
import { notifyOwners } from "./emails";
import { same, standingAfter } from "./standing";

/** A failed renewal keeps Pro this long; then the housekeeping chore moves the band to Free. */
export const GRACE_DAYS = 14;

/**
 * How an event names its subscription: the provider's id once known, else our row's id from the
 * metadata set at checkout (an invoice can arrive before checkout.session.completed).
 */
export type SubscriptionRef = { providerSubscriptionId?: string | null; planSubscriptionId?: string | null };

/** The row an event is about, locked until the event's transaction ends. */
export async function lockSubscription(tx: Tx, ref: SubscriptionRef): Promise<PlanSubscription | null> {
  if (ref.providerSubscriptionId) {
    const [row] = await tx
      .select()
      .from(planSubscriptions)
      .where(eq(planSubscriptions.providerSubscriptionId, ref.providerSubscriptionId))
      .for("update");
    if (row) return row;
  }
  if (!ref.planSubscriptionId) return null;
  const [row] = await tx
    .select()
    .from(planSubscriptions)
    .where(eq(planSubscriptions.id, ref.planSubscriptionId))
    .for("update");
  if (!row) return null;
  if (ref.providerSubscriptionId && !row.providerSubscriptionId) {
    await tx
      .update(planSubscriptions)
      .set({ providerSubscriptionId: ref.providerSubscriptionId })
      .where(eq(planSubscriptions.id, row.id));
    row.providerSubscriptionId = ref.providerSubscriptionId;
  }
  return row;
}

/**
 * The one place a subscription's standing is decided, from what is stored rather than from the
 * event at hand, so events in any order end in the same state: past due while an invoice for a
 * later period than every paid one has failed, active once one is paid, canceled for good.
 */
export async function settle(tx: Tx, sub: PlanSubscription, log: Logger, changes: Partial<PlanSubscription> = {}) {
  let next = { ...sub, ...changes };
  if (next.status !== "canceled") {
    const [standing] = await tx
      .select({
        paidEnd: sql<Date | null>`max(${planInvoices.periodEnd}) filter (where ${planInvoices.status} = 'paid')`,
        failedEnd: sql<Date | null>`max(${planInvoices.periodEnd}) filter (where ${planInvoices.status} = 'failed')`,
      })
      .from(planInvoices)
      .where(eq(planInvoices.subscriptionId, sub.id));
    next = standingAfter(
      next,
      {
        paidEnd: standing.paidEnd ? new Date(standing.paidEnd) : null,
        failedEnd: standing.failedEnd ? new Date(standing.failedEnd) : null,
      },
      GRACE_DAYS,
    );
  }
  if (next.status === "active" && sub.status !== "active" && sub.status !== "past_due") {
    // Two checkouts paid at once (two tabs): the second cannot be live too (one live per band).
    const [other] = await tx
      .select({ id: planSubscriptions.id })
      .from(planSubscriptions)
      .where(
        and(
          eq(planSubscriptions.artistId, sub.artistId),
          ne(planSubscriptions.id, sub.id),
          sql`${planSubscriptions.status} in ('active', 'past_due')`,
        ),
      );
    if (other) {
      log.error({ subscriptionId: sub.id, live: other.id }, "a second Pro subscription was paid; refund it by hand");
      return { ...sub, ...changes, status: sub.status };
    }
  }
  const stored = [
    "status",
    "currentPeriodEnd",
    "cancelAtPeriodEnd",
    "pastDueSince",
    "graceEndsAt",
    "canceledAt",
    "lastEventAt",
    "providerCustomerId",
  ] as const;
  // An event that teaches nothing new (a late or repeated fact) leaves the row as it was.
  if (stored.every((key) => same(next[key], sub[key]))) return next;
  await tx
    .update(planSubscriptions)
    .set({
      status: next.status,
      currentPeriodEnd: next.currentPeriodEnd,
      cancelAtPeriodEnd: next.cancelAtPeriodEnd,
      pastDueSince: next.pastDueSince,
      graceEndsAt: next.graceEndsAt,
      canceledAt: next.canceledAt,
      lastEventAt: next.lastEventAt,
      providerCustomerId: next.providerCustomerId,
      updatedAt: new Date(),
    })
    .where(eq(planSubscriptions.id, sub.id));
  await followPlan(tx, sub, next);
  return next;
}

/** The band's plan follows the subscription: Pro while active or within grace, Free once it ends. */
async function followPlan(tx: Tx, before: PlanSubscription, after: PlanSubscription) {
  const inGrace = after.status === "past_due" && after.graceEndsAt !== null && after.graceEndsAt > new Date();
  if (after.status === "active" || inGrace) {
    await setArtistPlan(tx, after.artistId, "pro", SYSTEM, "Pro subscription paid");
  } else if (after.status === "canceled" && before.status !== "canceled") {
    await setArtistPlan(tx, after.artistId, "free", SYSTEM, "Pro subscription ended");
  }
  if (after.status === "past_due" && before.status !== "past_due") {
    await notifyOwners(tx, after, "paymentFailed", `billing:failed:${after.id}:${after.pastDueSince!.toISOString()}`);
  }
  if (after.status === "canceled" && before.status !== "canceled") {
    await notifyOwners(tx, after, "ended", `billing:ended:${after.id}`);
  }
}

/** The checkout finished: the customer and subscription ids are known, and a paid one starts Pro. */
export async function checkoutCompleted(
  tx: Tx,
  sub: PlanSubscription,
  facts: { customerId: string | null; paid: boolean; eventAt: Date },
  log: Logger,
) {
  const activate = facts.paid && sub.status === "incomplete";
  return settle(tx, sub, log, {
    providerCustomerId: sub.providerCustomerId ?? facts.customerId,
    ...(activate && { status: "active" as const }),
  });
}

export type InvoiceFacts = {
  invoiceId: string;
  amount: number;
  currency: string;
  periodEnd: Date | null;
  at: Date;
};

/** A paid invoice (first payment or renewal). Stored once per invoice id; a failed one it retries becomes paid. */
export async function invoicePaid(tx: Tx, sub: PlanSubscription, invoice: InvoiceFacts, log: Logger) {
  await tx
    .insert(planInvoices)
    .values({
      subscriptionId: sub.id,
      artistId: sub.artistId,
      providerInvoiceId: invoice.invoiceId,
      status: "paid",
      amount: invoice.amount,
      currency: invoice.currency.toUpperCase(),
      periodEnd: invoice.periodEnd,
      paidAt: invoice.at,
    })
    .onConflictDoUpdate({
      target: planInvoices.providerInvoiceId,
      set: { status: "paid", paidAt: invoice.at },
      setWhere: eq(planInvoices.status, "failed"),
    });
  return settle(tx, sub, log);
}

/** A renewal failed: past due from now, Pro kept until the grace period ends. A late failure never undoes a payment. */
export async function invoiceFailed(tx: Tx, sub: PlanSubscription, invoice: InvoiceFacts, log: Logger) {
  await tx
    .insert(planInvoices)
    .values({
      subscriptionId: sub.id,
      artistId: sub.artistId,
      providerInvoiceId: invoice.invoiceId,
      status: "failed",
      amount: invoice.amount,
      currency: invoice.currency.toUpperCase(),
      periodEnd: invoice.periodEnd,
    })
    .onConflictDoNothing({ target: planInvoices.providerInvoiceId });
  return settle(tx, sub, log, { pastDueSince: sub.pastDueSince ?? invoice.at });
}
