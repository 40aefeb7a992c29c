import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  downloadGrantItems,
  downloadGrants,
  fanSubscriptions,
  releases,
  subscriptionOffers,
  type FanSubscription,
  type Release,
} from "@/db/schema";
import { newToken } from "@/lib/auth/tokens";

/**
 * A subscription's one download grant (download_grants.fan_subscription_id is unique), locked
 * while releases are added to it. The fan reaches it from /library; its link token is never
 * mailed, so only its hash is made.
 */
async function lockGrant(tx: Tx, sub: Pick<FanSubscription, "id" | "artistId" | "email">): Promise<string> {
  await tx
    .insert(downloadGrants)
    .values({ artistId: sub.artistId, email: sub.email, fanSubscriptionId: sub.id, tokenHash: newToken().tokenHash })
    .onConflictDoNothing({ target: downloadGrants.fanSubscriptionId });
  const [grant] = await tx
    .select({ id: downloadGrants.id })
    .from(downloadGrants)
    .where(eq(downloadGrants.fanSubscriptionId, sub.id))
    .for("update");
  return grant.id;
}

/** Adds whole releases the grant does not hold yet (the grant row is locked: no two adders race). */
async function addReleases(tx: Tx, grantId: string, releaseIds: string[]) {
  if (!releaseIds.length) return 0;
  const held = await tx
    .select({ releaseId: downloadGrantItems.releaseId })
    .from(downloadGrantItems)
    .where(
      and(
        eq(downloadGrantItems.grantId, grantId),
        isNull(downloadGrantItems.trackId),
        inArray(downloadGrantItems.releaseId, releaseIds),
      ),
    );
  const missing = releaseIds.filter((id) => !held.some((row) => row.releaseId === id));
  if (missing.length) await tx.insert(downloadGrantItems).values(missing.map((releaseId) => ({ grantId, releaseId })));
  return missing.length;
}

/**
 * The band's offer row is the meeting point of a release coming out and a subscription starting
 * at the same moment: each waits for the other's commit here, so the later one's next read sees
 * the other (a new subscriber's back catalogue includes the release, or the release finds the
 * subscriber) and neither misses it. No offer, no subscribers.
 */
async function lockOffer(tx: Tx, artistId: string, mode: "update" | "share") {
  const [offer] = await tx
    .select({ backCatalogue: subscriptionOffers.backCatalogue })
    .from(subscriptionOffers)
    .where(eq(subscriptionOffers.artistId, artistId))
    .for(mode);
  return offer ?? null;
}

/**
 * On activation: the grant, and with a back-catalogue offer every release of the band that is out
 * and not taken down.
 */
export async function grantOnActivation(tx: Tx, sub: FanSubscription) {
  const offer = await lockOffer(tx, sub.artistId, "update");
  const grantId = await lockGrant(tx, sub);
  if (!offer?.backCatalogue) return 0;
  const out = await tx
    .select({ id: releases.id })
    .from(releases)
    .where(
      and(
        eq(releases.artistId, sub.artistId),
        eq(releases.status, "published"),
        isNotNull(releases.releasedAt),
        isNull(releases.takenDownAt),
      ),
    );
  return addReleases(
    tx,
    grantId,
    out.map((r) => r.id),
  );
}

/**
 * Release day for subscribers (called by markReleased in the transaction that releases it): each
 * live subscription of the band (active, or past due within its grace) gets the release once.
 * Canceled ones get nothing new and keep what they have.
 */
export async function grantReleaseToSubscribers(tx: Tx, release: Pick<Release, "id" | "artistId">): Promise<number> {
  if (!(await lockOffer(tx, release.artistId, "share"))) return 0;
  const live = await tx
    .select({ id: fanSubscriptions.id, artistId: fanSubscriptions.artistId, email: fanSubscriptions.email })
    .from(fanSubscriptions)
    .where(
      and(eq(fanSubscriptions.artistId, release.artistId), sql`${fanSubscriptions.status} in ('active', 'past_due')`),
    )
    .orderBy(fanSubscriptions.id);
  let added = 0;
  for (const sub of live) added += await addReleases(tx, await lockGrant(tx, sub), [release.id]);
  return added;
}
