import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  artists,
  downloadGrantItems,
  downloadGrants,
  releases,
  tracks,
  type DownloadGrant,
  type Release,
} from "@/db/schema";
import { formatsFor, formatsForRelease, type DownloadFormat, type DownloadFormatId } from "@/lib/audio";
import { hashToken } from "@/lib/auth/tokens";
import { trackLocked } from "@/lib/catalog";

/** A revoked grant comes back with its row: the page names the band that refunded it. */
export type GrantLookup =
  | { found: true; grant: DownloadGrant }
  | { found: false; reason: "unknown" }
  | { found: false; reason: "revoked"; grant: DownloadGrant };

/** Tokens are 32 random bytes in base64url: anything else is refused without a query. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function findGrantByToken(db: DbOrTx, token: string): Promise<GrantLookup> {
  if (!TOKEN.test(token)) return { found: false, reason: "unknown" };
  const [grant] = await db
    .select()
    .from(downloadGrants)
    .where(eq(downloadGrants.tokenHash, hashToken(token)));
  if (!grant) return { found: false, reason: "unknown" };
  if (grant.revokedAt) return { found: false, reason: "revoked", grant };
  return { found: true, grant };
}

export type ItemTrack = { id: string; position: number; title: string; lossless: boolean };

/** One thing the fan can download: a whole release (zip) or a single track (file). */
export type DownloadItem = {
  releaseId: string;
  trackId: string | null;
  title: string;
  release: Pick<
    Release,
    "id" | "title" | "kind" | "artworkKey" | "releaseDate" | "createdAt" | "status" | "releaseAt" | "releasedAt"
  >;
  /** The files it holds, in album order: before release day, only a pre-order's tracks available at once. */
  tracks: ItemTrack[];
  /** Tracks of this item kept back until release day (a pre-order): neither listed nor served until then. */
  waitingTracks: number;
  /** Every track counted in the release (numbers file names "03 …" even for a single track). */
  releaseTrackCount: number;
  formats: DownloadFormat[];
  defaultFormat: DownloadFormatId;
};

export type GrantContents = {
  grant: Pick<DownloadGrant, "id" | "email" | "createdAt" | "revokedAt" | "orderId">;
  artist: { id: string; name: string; slug: string; accentColor: string };
  items: DownloadItem[];
};

/** FLAC when every master is lossless; MP3 320 otherwise (plays everywhere). */
export function defaultFormat(formats: DownloadFormat[]): DownloadFormatId {
  return formats.some((f) => f.id === "flac") ? "flac" : "mp3-320";
}

/** What a grant opens, as the download page and the file routes see it. */
export async function loadGrantContents(db: DbOrTx, grantId: string): Promise<GrantContents | null> {
  const [row] = await db
    .select({
      grant: downloadGrants,
      artist: { id: artists.id, name: artists.name, slug: artists.slug, accentColor: artists.accentColor },
    })
    .from(downloadGrants)
    .innerJoin(artists, eq(artists.id, downloadGrants.artistId))
    .where(eq(downloadGrants.id, grantId));
  if (!row) return null;
  const entries = await db
    .select()
    .from(downloadGrantItems)
    .where(eq(downloadGrantItems.grantId, grantId))
    .orderBy(asc(downloadGrantItems.id));
  const releaseIds = [...new Set(entries.map((e) => e.releaseId))];
  const releaseRows = releaseIds.length
    ? await db
        .select()
        .from(releases)
        .where(and(inArray(releases.id, releaseIds), eq(releases.artistId, row.grant.artistId)))
    : [];
  const trackRows = releaseIds.length
    ? await db
        .select()
        .from(tracks)
        .where(inArray(tracks.releaseId, releaseIds))
        .orderBy(asc(tracks.position), asc(tracks.createdAt))
    : [];

  const items: DownloadItem[] = [];
  for (const entry of entries) {
    const release = releaseRows.find((r) => r.id === entry.releaseId);
    if (!release) continue;
    const own = trackRows.filter((t) => t.releaseId === release.id);
    const all = own.map((t) => ({
      id: t.id,
      position: t.position,
      title: t.title,
      lossless: t.master?.lossless ?? false,
    }));
    const bought = entry.trackId ? all.filter((t) => t.id === entry.trackId) : all;
    if (entry.trackId && !bought.length) continue;
    // Formats come from everything bought, so they stay the same when release day unlocks the rest.
    const formats = entry.trackId
      ? formatsFor(bought[0].lossless)
      : formatsForRelease(bought.map((t) => ({ masterLossless: t.lossless })));
    const locked = new Set(own.filter((t) => trackLocked(release, t)).map((t) => t.id));
    const held = bought.filter((t) => !locked.has(t.id));
    items.push({
      releaseId: release.id,
      trackId: entry.trackId,
      title: entry.trackId ? bought[0].title : release.title,
      release,
      tracks: held,
      waitingTracks: bought.length - held.length,
      releaseTrackCount: all.length,
      formats,
      defaultFormat: defaultFormat(formats),
    });
  }
  // Whole releases first, then single tracks in album order, whatever order the rows came in.
  items.sort(
    (a, b) =>
      Number(a.trackId !== null) - Number(b.trackId !== null) ||
      a.release.title.localeCompare(b.release.title) ||
      (a.tracks[0]?.position ?? 0) - (b.tracks[0]?.position ?? 0),
  );
  const { id, email, createdAt, revokedAt, orderId } = row.grant;
  return { grant: { id, email, createdAt, revokedAt, orderId }, artist: row.artist, items };
}
