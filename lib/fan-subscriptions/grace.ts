import { and, eq, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, fanSubscriptions } from "@/db/schema";
import { deliverSoon } from "@/lib/email";
import { logger } from "@/lib/log";
import { stripeClient } from "@/lib/payments";
import { lockFanSubscription, settleFan } from "./lifecycle";

const log = logger.child({ area: "fan-subscriptions", chore: "fan-subs-grace-end" });

/**
 * Chore fan-subs-grace-end: a subscription whose failed renewal stayed unpaid through its grace
 * period ends (the fan keeps what they got, nothing new comes), and so does a test subscription
 * canceled at a period end that has come (Stripe sends its own deletion for real ones). Safe to
 * run twice at once: each row is locked and checked again.
 */
export async function endLapsedFanSubscriptions(db: DbOrTx, now = new Date()): Promise<number> {
  const due = await db.select({ id: fanSubscriptions.id }).from(fanSubscriptions).where(lapsed(now));
  let ended = 0;
  for (const { id } of due) if (await endOne(db, id, now)) ended++;
  if (ended) void deliverSoon(db);
  return ended;
}

const lapsed = (now: Date) =>
  or(
    and(eq(fanSubscriptions.status, "past_due"), lte(fanSubscriptions.graceEndsAt, now)),
    and(
      eq(fanSubscriptions.provider, "test"),
      sql`${fanSubscriptions.status} in ('active', 'past_due')`,
      eq(fanSubscriptions.cancelAtPeriodEnd, true),
      lte(fanSubscriptions.currentPeriodEnd, now),
    ),
  );

async function endOne(db: DbOrTx, id: string, now: Date) {
  const ended = await db.transaction(async (tx) => {
    const sub = await lockFanSubscription(tx, { fanSubscriptionId: id });
    const [still] = sub
      ? await tx
          .select({ id: fanSubscriptions.id })
          .from(fanSubscriptions)
          .where(and(eq(fanSubscriptions.id, id), lapsed(now)))
      : [];
    if (!sub || !still) return null;
    await settleFan(tx, sub, log, {
      status: "canceled",
      canceledAt: now,
      cancelAtPeriodEnd: false,
      pastDueSince: null,
      graceEndsAt: null,
    });
    return sub;
  });
  if (!ended) return false;
  log.info({ subscriptionId: id, artistId: ended.artistId }, "fan subscription ended");
  if (ended.provider === "stripe" && ended.providerSubscriptionId)
    await stopAtStripe(db, ended.artistId, ended.providerSubscriptionId);
  return true;
}

/** Stripe would keep retrying the card: the subscription is canceled there too (its deletion event then changes nothing). */
async function stopAtStripe(db: DbOrTx, artistId: string, subscriptionId: string) {
  const [artist] = await db.select({ account: artists.payoutAccountId }).from(artists).where(eq(artists.id, artistId));
  if (!artist?.account) return;
  await stripeClient()
    .subscriptions.cancel(subscriptionId, {}, { stripeAccount: artist.account })
    .catch((error: unknown) =>
      log.error({ err: error, subscriptionId }, "could not cancel the lapsed subscription at Stripe"),
    );
}
