import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { releases, type Release } from "@/db/schema";
import { grantReleaseToSubscribers } from "@/lib/fan-subscriptions";

/**
 * The one moment a release comes out: releasedAt is set by a conditional UPDATE (published, not
 * released yet, its moment come), so however many workers, chores or band clicks race for it,
 * exactly one transaction gets the row back and runs release day's effects in that same
 * transaction (they happen exactly when the release does): pre-order buyers' mails, subscribers'
 * grants. Everyone else gets null and does nothing.
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
  await grantReleaseToSubscribers(tx, release);
  return release;
}

/** After a band publishes: a release with no date still to come is out now (a no-op otherwise). */
export async function releaseIfDue(db: Db, releaseId: string, now = new Date()): Promise<Release | null> {
  return db.transaction((tx) => markReleased(tx, releaseId, now));
}
