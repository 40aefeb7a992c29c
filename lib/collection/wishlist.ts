import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, releases, wishlistItems, type Release } from "@/db/schema";
import { releaseAvailable } from "@/lib/moderation";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A release a fan may put on their wishlist: published, not taken down, its shop open. */
export type WishlistRelease = {
  id: string;
  title: string;
  slug: string;
  kind: Release["kind"];
  artworkKey: string | null;
  artist: { name: string; slug: string; accentColor: string };
};

/** The release behind a heart, or null for an id that is not one anybody may see. */
export async function wishableRelease(db: DbOrTx, releaseId: string): Promise<WishlistRelease | null> {
  if (!UUID.test(releaseId)) return null;
  const [row] = await db
    .select({ release: releases, artist: artists })
    .from(releases)
    .innerJoin(artists, eq(artists.id, releases.artistId))
    .where(eq(releases.id, releaseId));
  if (!row || row.release.status !== "published" || !releaseAvailable(row.artist, row.release)) return null;
  const { id, title, slug, kind, artworkKey } = row.release;
  return {
    id,
    title,
    slug,
    kind,
    artworkKey,
    artist: { name: row.artist.name, slug: row.artist.slug, accentColor: row.artist.accentColor },
  };
}

export type WishlistChange = { ok: true; saved: boolean } | { ok: false; reason: "not_found" };

/** Hearts or un-hearts a release for this address; saying the same twice changes nothing. */
export async function setWishlisted(
  db: DbOrTx,
  email: string,
  releaseId: string,
  saved: boolean,
): Promise<WishlistChange> {
  const owner = email.toLowerCase();
  if (!saved) {
    if (UUID.test(releaseId))
      await db.delete(wishlistItems).where(and(eq(wishlistItems.email, owner), eq(wishlistItems.releaseId, releaseId)));
    return { ok: true, saved: false };
  }
  if (!(await wishableRelease(db, releaseId))) return { ok: false, reason: "not_found" };
  await db.insert(wishlistItems).values({ email: owner, releaseId }).onConflictDoNothing();
  return { ok: true, saved: true };
}

export async function isWishlisted(db: DbOrTx, email: string, releaseId: string): Promise<boolean> {
  if (!UUID.test(releaseId)) return false;
  const [row] = await db
    .select({ releaseId: wishlistItems.releaseId })
    .from(wishlistItems)
    .where(and(eq(wishlistItems.email, email.toLowerCase()), eq(wishlistItems.releaseId, releaseId)));
  return Boolean(row);
}

/** This address's hearts, newest first; releases since unpublished or taken down are left out. */
export async function listWishlist(db: DbOrTx, email: string): Promise<(WishlistRelease & { addedAt: Date })[]> {
  const rows = await db
    .select({ release: releases, artist: artists, addedAt: wishlistItems.createdAt })
    .from(wishlistItems)
    .innerJoin(releases, eq(releases.id, wishlistItems.releaseId))
    .innerJoin(artists, eq(artists.id, releases.artistId))
    .where(and(eq(wishlistItems.email, email.toLowerCase()), eq(releases.status, "published")))
    .orderBy(desc(wishlistItems.createdAt));
  return rows
    .filter((row) => releaseAvailable(row.artist, row.release))
    .map(({ release, artist, addedAt }) => ({
      id: release.id,
      title: release.title,
      slug: release.slug,
      kind: release.kind,
      artworkKey: release.artworkKey,
      artist: { name: artist.name, slug: artist.slug, accentColor: artist.accentColor },
      addedAt,
    }));
}
