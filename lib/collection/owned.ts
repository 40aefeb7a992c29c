import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  artists,
  downloadGrantItems,
  downloadGrants,
  orderItems,
  orders,
  releases,
  tracks,
  type Release,
} from "@/db/schema";

/** One thing a fan owns: a whole release, or a single track bought on its own. */
export type OwnedItem = {
  grantId: string;
  releaseId: string;
  trackId: string | null;
  artist: { name: string; slug: string };
  release: { title: string; slug: string; kind: Release["kind"]; artworkKey: string | null };
  trackTitle: string | null;
  boughtAt: Date;
  /** What the fan paid for this line (null when it came free: a code, a subscription, a gift). */
  paid: { amount: number; currency: string } | null;
};

/**
 * Everything this address holds, oldest first, once each: a release bought twice counts once,
 * and a track bought alone is left out when its whole release is held too. Refunded grants and
 * album gifts not delivered yet are left out, as in the library.
 */
export async function ownedItems(db: DbOrTx, email: string): Promise<OwnedItem[]> {
  const rows = await db
    .select({
      grantId: downloadGrants.id,
      orderId: downloadGrants.orderId,
      boughtAt: downloadGrants.createdAt,
      releaseId: downloadGrantItems.releaseId,
      trackId: downloadGrantItems.trackId,
      artist: { name: artists.name, slug: artists.slug },
      release: { title: releases.title, slug: releases.slug, kind: releases.kind, artworkKey: releases.artworkKey },
      trackTitle: tracks.title,
    })
    .from(downloadGrantItems)
    .innerJoin(downloadGrants, eq(downloadGrants.id, downloadGrantItems.grantId))
    .innerJoin(releases, eq(releases.id, downloadGrantItems.releaseId))
    .innerJoin(artists, eq(artists.id, releases.artistId))
    .leftJoin(tracks, eq(tracks.id, downloadGrantItems.trackId))
    .where(
      and(
        eq(downloadGrants.email, email.toLowerCase()),
        isNull(downloadGrants.revokedAt),
        sql`not exists (select 1 from ${orders} where ${orders.id} = ${downloadGrants.orderId} and ${orders.gift} is not null and ${orders.giftDeliveredAt} is null)`,
      ),
    )
    .orderBy(asc(downloadGrants.createdAt), asc(downloadGrantItems.id));
  const orderIds = [...new Set(rows.flatMap((r) => (r.orderId ? [r.orderId] : [])))];
  const lines = orderIds.length
    ? await db
        .select({
          orderId: orderItems.orderId,
          releaseId: orderItems.releaseId,
          trackId: orderItems.trackId,
          kind: orderItems.kind,
          amount: sql<number>`coalesce(${orderItems.grossAmount}, ${orderItems.unitAmount} * ${orderItems.quantity})`,
          currency: orderItems.currency,
        })
        .from(orderItems)
        .where(and(inArray(orderItems.orderId, orderIds), inArray(orderItems.kind, ["release", "track"])))
    : [];
  const wholeReleases = new Set(rows.filter((r) => r.trackId === null).map((r) => r.releaseId));
  const seen = new Set<string>();
  const owned: OwnedItem[] = [];
  for (const row of rows) {
    if (row.trackId && wholeReleases.has(row.releaseId)) continue;
    const key = `${row.releaseId}:${row.trackId ?? "all"}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = lines.find(
      (l) =>
        l.orderId === row.orderId &&
        l.releaseId === row.releaseId &&
        (row.trackId ? l.kind === "track" && l.trackId === row.trackId : l.kind === "release"),
    );
    owned.push({
      grantId: row.grantId,
      releaseId: row.releaseId,
      trackId: row.trackId,
      artist: row.artist,
      release: row.release,
      trackTitle: row.trackTitle,
      boughtAt: row.boughtAt,
      paid: line && line.amount > 0 ? { amount: Number(line.amount), currency: line.currency } : null,
    });
  }
  return owned;
}
