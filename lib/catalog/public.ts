import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { onShop } from "@/db/queries/releases";
import { artists, releases, tracks, type Artist } from "@/db/schema";
import { checkArtistAccess, imageUrl } from "@/lib/artists";
import { formatsForRelease, type DownloadFormat } from "@/lib/audio";
import { releaseAvailable } from "@/lib/moderation";
import { trackLocked, type ReleaseDay } from "./preorder";

type ReleaseRow = typeof releases.$inferSelect;

/**
 * Release artwork is stored as WebP variants `<artworkKey>-<suffix>.webp` (written by the
 * catalogue's artwork upload); the pages only ever name a size through this table.
 */
export const RELEASE_ARTWORK_SIZES = { large: "1200", medium: "600", small: "300" } as const;
export type ReleaseArtworkSize = keyof typeof RELEASE_ARTWORK_SIZES;

export function releaseArtworkUrl(artworkKey: string | null, size: ReleaseArtworkSize): string | null {
  return imageUrl(artworkKey, RELEASE_ARTWORK_SIZES[size]);
}
type TrackRow = typeof tracks.$inferSelect;

/**
 * What a fan may do with a track on the release page: hear it in full, hear its first
 * `clipSeconds`, only see it listed (the band switched streaming off), wait (not processed), or
 * wait for release day (a pre-order's track not available at once).
 */
export type TrackPlayback = "full" | "clip" | "off" | "unavailable" | "locked";

export type PublicTrack = {
  id: string;
  position: number;
  title: string;
  durationMs: number | null;
  peaks: number[] | null;
  playback: TrackPlayback;
  clipSeconds: number;
  lossless: boolean;
  /** The band's lyrics ("" for none): shown on the release page, written into downloads' tags. */
  lyrics: string;
};

export type PublicRelease = {
  artist: Artist;
  release: ReleaseRow;
  tracks: PublicTrack[];
  /** Formats a buyer will be able to download, lossless ones only when every master is lossless. */
  formats: DownloadFormat[];
  /** At least one master is lossy, so FLAC/ALAC/WAV/AIFF are not offered. */
  lossyMaster: boolean;
  isDraft: boolean;
};

export function trackPlayback(
  track: Pick<TrackRow, "status" | "streamKey" | "streaming" | "preorderAvailable">,
  release?: ReleaseDay,
): TrackPlayback {
  if (release && trackLocked(release, track)) return "locked";
  if (track.streaming === "off") return "off";
  if (track.status !== "ready" || !track.streamKey) return "unavailable";
  return track.streaming;
}

function toPublicTrack(track: TrackRow, release: ReleaseDay): PublicTrack {
  return {
    id: track.id,
    position: track.position,
    title: track.title,
    durationMs: track.durationMs,
    peaks: Array.isArray(track.peaks) && track.peaks.length > 0 ? track.peaks : null,
    playback: trackPlayback(track, release),
    clipSeconds: track.clipSeconds,
    lossless: track.master?.lossless ?? false,
    lyrics: track.lyrics,
  };
}

async function loadRelease(db: DbOrTx, artist: Artist, release: ReleaseRow): Promise<PublicRelease> {
  const rows = await db
    .select()
    .from(tracks)
    .where(eq(tracks.releaseId, release.id))
    .orderBy(asc(tracks.position), asc(tracks.createdAt));
  const list = rows.map((track) => toPublicTrack(track, release));
  return {
    artist,
    release,
    tracks: list,
    formats: formatsForRelease(list.map((t) => ({ masterLossless: t.lossless }))),
    lossyMaster: list.some((t) => !t.lossless),
    isDraft: release.status !== "published",
  };
}

async function findRelease(db: DbOrTx, artistSlug: string, releaseSlug: string) {
  const [row] = await db
    .select({ artist: artists, release: releases })
    .from(releases)
    .innerJoin(artists, eq(artists.id, releases.artistId))
    .where(and(eq(artists.slug, artistSlug.toLowerCase()), eq(releases.slug, releaseSlug.toLowerCase())))
    .limit(1);
  return row;
}

/**
 * The release page's data for anyone (and every widget's, through it): null when unknown, still a
 * draft, taken down or its shop suspended, so all of them answer the same neutral 404.
 */
export async function getPublishedRelease(
  db: DbOrTx,
  artistSlug: string,
  releaseSlug: string,
): Promise<PublicRelease | null> {
  const row = await findRelease(db, artistSlug, releaseSlug);
  if (!row || row.release.status !== "published" || !releaseAvailable(row.artist, row.release)) return null;
  return loadRelease(db, row.artist, row.release);
}

/**
 * The same page for the band's members, drafts included, so they see what fans will see before
 * publishing. Null for anyone who is not a member (a stranger cannot tell a draft from nothing).
 */
export async function getReleaseForPreview(
  db: DbOrTx,
  userId: string,
  artistSlug: string,
  releaseSlug: string,
): Promise<PublicRelease | null> {
  const row = await findRelease(db, artistSlug, releaseSlug);
  // Taken down or suspended: members read why in the dashboard; the page stays the neutral one.
  if (!row || !releaseAvailable(row.artist, row.release)) return null;
  const access = await checkArtistAccess(db, userId, { id: row.artist.id });
  if (!access.allowed) return null;
  return loadRelease(db, row.artist, row.release);
}

export type ReleaseSummary = Pick<
  ReleaseRow,
  | "id"
  | "slug"
  | "title"
  | "kind"
  | "releaseDate"
  | "artworkKey"
  | "publishedAt"
  | "status"
  | "releaseAt"
  | "releasedAt"
>;

/** The shop page's grid: published, listed releases not taken down, newest release date first (undated ones by publication). */
export async function listPublishedReleases(db: DbOrTx, artistId: string): Promise<ReleaseSummary[]> {
  return (
    db
      .select({
        id: releases.id,
        slug: releases.slug,
        title: releases.title,
        kind: releases.kind,
        releaseDate: releases.releaseDate,
        artworkKey: releases.artworkKey,
        publishedAt: releases.publishedAt,
        status: releases.status,
        releaseAt: releases.releaseAt,
        releasedAt: releases.releasedAt,
      })
      .from(releases)
      // Unlisted releases (past a Free plan's limit, or the band's choice) keep their page but leave the grid.
      .where(onShop(artistId))
      .orderBy(
        sql`coalesce(${releases.releaseDate}, ${releases.publishedAt}::date) desc nulls last`,
        desc(releases.createdAt),
      )
  );
}
