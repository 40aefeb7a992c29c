import { and, eq, ne, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Tx } from "@/db/client";
import { fanSubscriptionInvoices, fanSubscriptions, type FanSubscription } from "@/db/schema";
import { changesFromState, same, standingAfter, type ProviderState } from "@/lib/billing";
import { feeAmount } from "@/lib/plans";
import { notifyFan } from "./emails";
import { grantOnActivation } from "./grants";

/** A failed renewal keeps the subscription (and its new releases) this long; then chore fan-subs-grace-end ends it. */
export const FAN_GRACE_DAYS = 14;

/** How an event names its subscription: the provider's id once known, else our row's id from the checkout's metadata. */
export type FanSubscriptionRef = { providerSubscriptionId?: string | null; fanSubscriptionId?: string | null };

/** The row an event is about, locked until the event's transaction ends. */
export async function lockFanSubscription(tx: Tx, ref: FanSubscriptionRef): Promise<FanSubscription | null> {
  const byProvider = ref.providerSubscriptionId
    ? eq(fanSubscriptions.providerSubscriptionId, ref.providerSubscriptionId)
    : null;
  if (byProvider) {
    const [row] = await tx.select().from(fanSubscriptions).where(byProvider).for("update");
    if (row) return row;
  }
  if (!ref.fanSubscriptionId || !/^[0-9a-f-]{36}$/i.test(ref.fanSubscriptionId)) return null;
  const [row] = await tx
    .select()
    .from(fanSubscriptions)
    .where(eq(fanSubscriptions.id, ref.fanSubscriptionId))
    .for("update");
  if (!row) return null;
  if (ref.providerSubscriptionId && !row.providerSubscriptionId) {
    await tx
      .update(fanSubscriptions)
      .set({ providerSubscriptionId: ref.providerSubscriptionId })
      .where(eq(fanSubscriptions.id, row.id));
    row.providerSubscriptionId = ref.providerSubscriptionId;
  }
  return row;
}

const STORED = [
  "status",
  "startedAt",
  "currentPeriodEnd",
  "cancelAtPeriodEnd",
  "pastDueSince",
  "graceEndsAt",
  "canceledAt",
  "lastEventAt",
  "providerCustomerId",
] as const;

/**
 * The one place a fan subscription's standing is decided (lib/billing's rules over this table's
 * invoices), and where its moments have their effects, each once: the grant and the welcome mail
 * on activation, the grace mail on a failed renewal, the goodbye when it ends.
 */
export async function settleFan(
  tx: Tx,
  sub: FanSubscription,
  log: Logger,
  changes: Partial<FanSubscription> = {},
): Promise<FanSubscription> {
  const [invoices] = await tx
    .select({
      paidEnd: sql<
        string | null
      >`max(${fanSubscriptionInvoices.periodEnd}) filter (where ${fanSubscriptionInvoices.status} = 'paid')`,
      failedEnd: sql<
        string | null
      >`max(${fanSubscriptionInvoices.periodEnd}) filter (where ${fanSubscriptionInvoices.status} = 'failed')`,
    })
    .from(fanSubscriptionInvoices)
    .where(eq(fanSubscriptionInvoices.subscriptionId, sub.id));
  const next = standingAfter(
    { ...sub, ...changes },
    {
      paidEnd: invoices.paidEnd ? new Date(invoices.paidEnd) : null,
      failedEnd: invoices.failedEnd ? new Date(invoices.failedEnd) : null,
    },
    FAN_GRACE_DAYS,
  );
  const activating = next.status === "active" && sub.status === "incomplete";
  if (activating) {
    // Two checkouts paid at once (two tabs): one live subscription per band and address.
    const [other] = await tx
      .select({ id: fanSubscriptions.id })
      .from(fanSubscriptions)
      .where(
        and(
          eq(fanSubscriptions.artistId, sub.artistId),
          eq(fanSubscriptions.email, sub.email),
          ne(fanSubscriptions.id, sub.id),
          sql`${fanSubscriptions.status} in ('active', 'past_due')`,
        ),
      );
    if (other) {
      log.error({ subscriptionId: sub.id, live: other.id }, "a second fan subscription was paid; refund it by hand");
      return sub;
    }
    next.startedAt ??= new Date();
  }
  if (STORED.every((key) => same(next[key], sub[key]))) return next;
  await tx
    .update(fanSubscriptions)
    .set({ ...Object.fromEntries(STORED.map((key) => [key, next[key]])), updatedAt: new Date() })
    .where(eq(fanSubscriptions.id, sub.id));
  if (activating) {
    await grantOnActivation(tx, next);
    await notifyFan(tx, next, "welcome", `fan-subs:welcome:${sub.id}`);
  }
  if (next.status === "past_due" && sub.status !== "past_due") {
    await notifyFan(tx, next, "renewalFailed", `fan-subs:failed:${sub.id}:${next.pastDueSince!.toISOString()}`);
  }
  if (next.status === "canceled" && sub.status !== "canceled" && sub.status !== "incomplete") {
    await notifyFan(tx, next, "ended", `fan-subs:ended:${sub.id}`);
  }
  return next;
}

export async function fanCheckoutCompleted(
  tx: Tx,
  sub: FanSubscription,
  facts: { customerId: string | null; paid: boolean },
  log: Logger,
) {
  return settleFan(tx, sub, log, {
    providerCustomerId: sub.providerCustomerId ?? facts.customerId,
    ...(facts.paid && sub.status === "incomplete" && { status: "active" as const }),
  });
}

export type FanInvoiceFacts = { invoiceId: string; amount: number; currency: string; periodEnd: Date | null; at: Date };

const invoiceRow = (sub: FanSubscription, invoice: FanInvoiceFacts, status: "paid" | "failed") => ({
  subscriptionId: sub.id,
  artistId: sub.artistId,
  providerInvoiceId: invoice.invoiceId,
  status,
  amount: invoice.amount,
  currency: invoice.currency.toUpperCase(),
  periodEnd: invoice.periodEnd,
});

/** A paid invoice (first payment or renewal), stored once per invoice id; a failed one it retries becomes paid. */
export async function fanInvoicePaid(tx: Tx, sub: FanSubscription, invoice: FanInvoiceFacts, log: Logger) {
  if (sub.status === "canceled") return sub;
  await tx
    .insert(fanSubscriptionInvoices)
    .values({
      ...invoiceRow(sub, invoice, "paid"),
      feeAmount: feeAmount(invoice.amount, sub.feeBasisPoints),
      paidAt: invoice.at,
    })
    .onConflictDoUpdate({
      target: fanSubscriptionInvoices.providerInvoiceId,
      set: { status: "paid", paidAt: invoice.at },
      setWhere: eq(fanSubscriptionInvoices.status, "failed"),
    });
  return settleFan(tx, sub, log);
}

/** A renewal the card refused: past due from now, the grace period starts. A late failure never undoes a payment. */
export async function fanInvoiceFailed(tx: Tx, sub: FanSubscription, invoice: FanInvoiceFacts, log: Logger) {
  if (sub.status === "canceled") return sub;
  await tx
    .insert(fanSubscriptionInvoices)
    .values(invoiceRow(sub, invoice, "failed"))
    .onConflictDoNothing({ target: fanSubscriptionInvoices.providerInvoiceId });
  return settleFan(tx, sub, log, { pastDueSince: sub.pastDueSince ?? invoice.at });
}

/**
 * customer.subscription.* (or the test provider's equivalents). An event older than the newest
 * applied one changes nothing, and a canceled subscription stays canceled (Stripe never revives one).
 */
export async function fanSubscriptionChanged(tx: Tx, sub: FanSubscription, state: ProviderState, log: Logger) {
  if (sub.status === "canceled") return sub;
  // The end is final whenever it arrives (Stripe never revives a deleted subscription); other facts only if newer.
  if (state.status !== "canceled" && sub.lastEventAt && state.eventAt < sub.lastEventAt) {
    log.info({ subscriptionId: sub.id }, "older fan subscription event ignored");
    return sub;
  }
  return settleFan(tx, sub, log, changesFromState(sub, state));
}
