import { and, eq, gt, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, planSubscriptions } from "@/db/schema";
import { SYSTEM } from "@/lib/audit";
import { logger } from "@/lib/log";
import { setArtistPlan } from "@/lib/plans";
import { notifyOwners } from "./emails";

const REMINDER_DAYS = 3;

/**
 * Housekeeping: a band whose renewal failed and stayed unpaid goes to Free when its grace period
 * ends. The subscription stays past due (the provider keeps retrying): a payment after this puts
 * the band back on Pro. Safe to run twice at once: the band's row is locked and a band already on
 * Free is skipped.
 */
export async function endLapsedGrace(db: DbOrTx, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: planSubscriptions.id })
    .from(planSubscriptions)
    .innerJoin(artists, eq(artists.id, planSubscriptions.artistId))
    .where(
      and(eq(planSubscriptions.status, "past_due"), lte(planSubscriptions.graceEndsAt, now), eq(artists.plan, "pro")),
    );
  let done = 0;
  for (const { id } of due) if (await endGraceOf(db, id, now)) done++;
  return done;
}

/** One band's grace period ends: Free, and the owners are told. False when it was not due (or done already). */
export async function endGraceOf(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [sub] = await tx.select().from(planSubscriptions).where(eq(planSubscriptions.id, id)).for("update");
    if (!sub || sub.status !== "past_due" || !sub.graceEndsAt || sub.graceEndsAt > now) return false;
    const { changed } = await setArtistPlan(
      tx,
      sub.artistId,
      "free",
      SYSTEM,
      "Pro renewal unpaid after the grace period",
    );
    if (!changed) return false;
    await notifyOwners(tx, sub, "downgraded", `billing:downgraded:${sub.id}:${sub.pastDueSince?.toISOString()}`);
    logger.info({ artistId: sub.artistId, subscriptionId: sub.id }, "grace period over: band moved to Free");
    return true;
  });
}

/** Three days before the grace period ends, the owners are reminded once (the dedupe key is per run of failures). */
export async function remindGraceEnding(db: DbOrTx, now = new Date()): Promise<number> {
  const soon = new Date(now.getTime() + REMINDER_DAYS * 86_400_000);
  const due = await db
    .select()
    .from(planSubscriptions)
    .where(
      and(
        eq(planSubscriptions.status, "past_due"),
        gt(planSubscriptions.graceEndsAt, now),
        lte(planSubscriptions.graceEndsAt, soon),
      ),
    );
  let queued = 0;
  for (const sub of due) {
    const key = `billing:grace-ending:${sub.id}:${sub.pastDueSince?.toISOString()}`;
    queued += await db.transaction((tx) => notifyOwners(tx, sub, "graceEnding", key));
  }
  return queued;
}
