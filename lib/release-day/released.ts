import { and, asc, eq, isNotNull, isNull, lte, or } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { releases, type Release } from "@/db/schema";
import { deliverSoon } from "@/lib/email";
import { grantReleaseToSubscribers } from "@/lib/fan-subscriptions";
import { queueReleasedMails } from "./buyers";

/**
 * The one moment a release comes out: releasedAt is set by a conditional UPDATE (published, not
 * released yet, its moment come), so however many workers, chores or band clicks race for it,
 * exactly one transaction gets the row back and runs release day's effects in that same
 * transaction (they happen exactly when the release does): pre-order buyers' mails, subscribers'
 * grants. Everyone else gets null and does nothing.
 *
 * Caches need no call here: the UPDATE fires migration 0017's trigger, whose NOTIFY (sent at
 * commit) drops the release page, its widgets and the shop page from every app's page cache;
 * the stream path never keeps a locked track's answer (lib/stream), and a prepared album zip's
 * version changes with the tracks it holds (lib/downloads/archives.ts).
 */
export async function markReleased(tx: Tx, releaseId: string, now = new Date()): Promise<Release | null> {
  const [release] = await tx
    .update(releases)
    .set({ releasedAt: now })
    .where(
      and(
        eq(releases.id, releaseId),
        eq(releases.status, "published"),
        isNull(releases.releasedAt),
        or(isNull(releases.releaseAt), lte(releases.releaseAt, now)),
      ),
    )
    .returning();
  if (!release) return null;
  await queueReleasedMails(tx, release);
  await grantReleaseToSubscribers(tx, release);
  return release;
}

/** After a band publishes: a release with no date still to come is out now (a no-op otherwise). */
export async function releaseIfDue(db: DbOrTx, releaseId: string, now = new Date()): Promise<Release | null> {
  return db.transaction((tx) => markReleased(tx, releaseId, now));
}

/**
 * The release job (queue "release-day-publish", started at releaseAt): brings the release out if
 * its moment has come. A job left from an earlier date finds releaseAt still ahead and does
 * nothing; a second job, or the chore, finds releasedAt set.
 */
export async function runReleaseJob(db: DbOrTx, releaseId: string, now = new Date()): Promise<boolean> {
  return (await releaseIfDue(db, releaseId, now)) !== null;
}

/** The minute chore "release-day-due": everything due that no job released (a worker down, a lost job). */
export async function releaseDueReleases(db: DbOrTx, now = new Date()): Promise<number> {
  return (await releaseDue(db, now)).length;
}

/** The ids this call brought out (others may have been released meanwhile by a job or another chore). */
export async function releaseDue(db: DbOrTx, now = new Date()): Promise<string[]> {
  const due = await db
    .select({ id: releases.id })
    .from(releases)
    .where(
      and(
        eq(releases.status, "published"),
        isNull(releases.releasedAt),
        isNotNull(releases.releaseAt),
        lte(releases.releaseAt, now),
      ),
    )
    .orderBy(asc(releases.releaseAt))
    .limit(100);
  const released: string[] = [];
  for (const { id } of due) if (await runReleaseJob(db, id, now)) released.push(id);
  if (released.length > 0) await deliverSoon(db);
  return released;
}
