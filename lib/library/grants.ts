import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  artists,
  downloadGrantItems,
  downloadGrants,
  orders,
  releases,
  tracks,
  type DownloadGrant,
  type Release,
} from "@/db/schema";
import { releaseArtworkUrl } from "@/lib/catalog";

export type LibraryItem = {
  title: string;
  releaseTitle: string;
  kind: Release["kind"];
  isTrack: boolean;
  artworkUrl: string | null;
  artworkUrl2x: string | null;
};

/** One purchase in the fan's library: a grant, with what it opens. */
export type LibraryEntry = {
  grantId: string;
  orderId: string | null;
  createdAt: Date;
  artist: { name: string; slug: string; accentColor: string };
  items: LibraryItem[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every standing grant for this address, across every band, newest first. Refunded ones are left out. */
export async function listLibrary(db: DbOrTx, email: string): Promise<LibraryEntry[]> {
  const grants = await db
    .select({
      id: downloadGrants.id,
      orderId: downloadGrants.orderId,
      createdAt: downloadGrants.createdAt,
      artist: { name: artists.name, slug: artists.slug, accentColor: artists.accentColor },
    })
    .from(downloadGrants)
    .innerJoin(artists, eq(artists.id, downloadGrants.artistId))
    .where(
      and(
        eq(downloadGrants.email, email.toLowerCase()),
        isNull(downloadGrants.revokedAt),
        // An album gift stays a surprise until its day: the recipient's library shows it once delivered.
        sql`not exists (select 1 from ${orders} where ${orders.id} = ${downloadGrants.orderId} and ${orders.gift} is not null and ${orders.giftDeliveredAt} is null)`,
      ),
    )
    .orderBy(desc(downloadGrants.createdAt), desc(downloadGrants.id));
  if (!grants.length) return [];
  const rows = await db
    .select({
      grantId: downloadGrantItems.grantId,
      release: { title: releases.title, kind: releases.kind, artworkKey: releases.artworkKey },
      trackTitle: tracks.title,
    })
    .from(downloadGrantItems)
    .innerJoin(releases, eq(releases.id, downloadGrantItems.releaseId))
    .leftJoin(tracks, eq(tracks.id, downloadGrantItems.trackId))
    .where(
      inArray(
        downloadGrantItems.grantId,
        grants.map((g) => g.id),
      ),
    )
    .orderBy(asc(downloadGrantItems.id));
  return grants.map((grant) => ({
    grantId: grant.id,
    orderId: grant.orderId,
    createdAt: grant.createdAt,
    artist: grant.artist,
    items: rows
      .filter((row) => row.grantId === grant.id)
      .map((row) => ({
        title: row.trackTitle ?? row.release.title,
        releaseTitle: row.release.title,
        kind: row.release.kind,
        isTrack: row.trackTitle !== null,
        artworkUrl: releaseArtworkUrl(row.release.artworkKey, "small"),
        artworkUrl2x: releaseArtworkUrl(row.release.artworkKey, "medium"),
      }))
      // Whole releases before single tracks: the row is named after its biggest item.
      .sort((a, b) => Number(a.isTrack) - Number(b.isTrack)),
  }));
}

/** A grant of this address by id (refunded ones too: the page says so), or null for anyone else's. */
export async function findLibraryGrant(db: DbOrTx, email: string, grantId: string): Promise<DownloadGrant | null> {
  if (!UUID.test(grantId)) return null;
  const [grant] = await db
    .select()
    .from(downloadGrants)
    .where(and(eq(downloadGrants.id, grantId), eq(downloadGrants.email, email.toLowerCase())));
  return grant ?? null;
}
