import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { artists, fanSubscriptions, type FanSubscription } from "@/db/schema";
import { periodEndOf, standingOf } from "@/lib/billing";
import { logger } from "@/lib/log";
import { stripeClient } from "@/lib/payments";
import { fanSubscriptionChanged, lockFanSubscription } from "./lifecycle";
import { changeTestFanSubscription } from "./test-provider";

export type FanSubscriptionRow = Pick<
  FanSubscription,
  "id" | "status" | "interval" | "amount" | "currency" | "currentPeriodEnd" | "cancelAtPeriodEnd" | "graceEndsAt"
> & { artist: { name: string; slug: string } };

/** A fan's subscriptions, every band, live ones first (checkouts never paid are left out). */
export async function listFanSubscriptions(db: Db, email: string): Promise<FanSubscriptionRow[]> {
  const rows = await db
    .select({
      id: fanSubscriptions.id,
      status: fanSubscriptions.status,
      interval: fanSubscriptions.interval,
      amount: fanSubscriptions.amount,
      currency: fanSubscriptions.currency,
      currentPeriodEnd: fanSubscriptions.currentPeriodEnd,
      cancelAtPeriodEnd: fanSubscriptions.cancelAtPeriodEnd,
      graceEndsAt: fanSubscriptions.graceEndsAt,
      artist: { name: artists.name, slug: artists.slug },
    })
    .from(fanSubscriptions)
    .innerJoin(artists, eq(artists.id, fanSubscriptions.artistId))
    .where(and(eq(fanSubscriptions.email, email.toLowerCase()), ne(fanSubscriptions.status, "incomplete")))
    .orderBy(desc(fanSubscriptions.createdAt));
  return rows.sort((a, b) => Number(a.status === "canceled") - Number(b.status === "canceled"));
}

export type CancelResult = { ok: true } | { ok: false; reason: "not_found" | "wrong_state" | "provider_failed" };

/**
 * The fan cancels (at the period's end: what was paid for runs to its end) or takes it back
 * before then. Only the subscription's own address may: anyone else's id is "not found".
 */
export async function setFanCancel(
  db: Db,
  input: { subscriptionId: string; email: string; cancel: boolean },
): Promise<CancelResult> {
  const sub = await db.transaction((tx) => lockFanSubscription(tx, { fanSubscriptionId: input.subscriptionId }));
  if (!sub || sub.email !== input.email.toLowerCase()) return { ok: false, reason: "not_found" };
  if ((sub.status !== "active" && sub.status !== "past_due") || sub.cancelAtPeriodEnd === input.cancel) {
    return { ok: false, reason: "wrong_state" };
  }
  if (sub.provider === "test") {
    const result = await changeTestFanSubscription(db, sub.id, input.cancel ? "period_end" : "resume");
    return result.ok ? result : { ok: false, reason: result.reason === "not_found" ? "not_found" : "wrong_state" };
  }
  const [artist] = await db
    .select({ account: artists.payoutAccountId })
    .from(artists)
    .where(eq(artists.id, sub.artistId));
  if (!artist?.account || !sub.providerSubscriptionId) return { ok: false, reason: "provider_failed" };
  const updated = await stripeClient()
    .subscriptions.update(
      sub.providerSubscriptionId,
      { cancel_at_period_end: input.cancel },
      { stripeAccount: artist.account },
    )
    .catch((error: unknown) => {
      logger.error({ err: error, subscriptionId: sub.id }, "fan subscription could not be changed at Stripe");
      return null;
    });
  if (!updated) return { ok: false, reason: "provider_failed" };
  // Applied now rather than on the webhook's echo, which then changes nothing.
  await db.transaction(async (tx) => {
    const locked = await lockFanSubscription(tx, { fanSubscriptionId: sub.id });
    if (!locked) return;
    await fanSubscriptionChanged(
      tx,
      locked,
      {
        status: standingOf(updated.status),
        periodEnd: periodEndOf(updated),
        cancelAtPeriodEnd: updated.cancel_at_period_end,
        // Whole seconds, as Stripe's event times: the webhook's echo of this change is not "older".
        eventAt: new Date(Math.floor(Date.now() / 1000) * 1000),
      },
      logger.child({ area: "fan-subscriptions" }),
    );
  });
  return { ok: true };
}
