import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedArchives } from "@/db/schema";
import type { DownloadFormatId } from "@/lib/audio";
import { releaseArtworkUrl } from "@/lib/catalog";
import type { LibraryItem } from "@/lib/library";
import { loadGrantContents, type GrantContents } from "./contents";
import { FILE_LINK_TTL_SECONDS, fileLinkPath, fileLinkStatusPath, signFileLink } from "./links";
import { cachedTracksByFormat } from "./prepare";

/** One format of one item as the page offers it, with its signed links and how many files exist. */
export type FormatChoice = {
  id: DownloadFormatId;
  label: string;
  lossless: boolean;
  href: string;
  statusHref: string;
  ready: number;
  total: number;
  /** Bytes of what the fan gets (the track's file, or the release's prepared zip) once it exists. */
  size: number | null;
  /** Nothing left to make: every file and, for a release, its zip. */
  complete: boolean;
};

/** What the library lists of an item, plus what the download page needs to fetch it. */
export type PageItem = LibraryItem & {
  key: string;
  trackCount: number;
  formats: FormatChoice[];
  defaultFormat: DownloadFormatId;
  /** Some master is lossy, so FLAC, ALAC, WAV and AIFF are not offered. */
  losslessUnavailable: boolean;
  /** A pre-order's tracks still to come, and when they do. */
  waitingTracks: number;
  releaseAt: Date | null;
};

/**
 * What the download page hands to the browser: plain data, links signed for the next hour. Every
 * offered format gets its links up front, so switching formats needs no server round trip.
 */
export async function downloadPageItems(
  db: DbOrTx,
  contents: GrantContents,
  now = new Date(),
): Promise<{ items: PageItem[]; expiresAt: number }> {
  const expires = Math.floor(now.getTime() / 1000) + FILE_LINK_TTL_SECONDS;
  const cached = await cachedTracksByFormat(
    db,
    contents.items.flatMap((item) => item.tracks.map((t) => t.id)),
  );
  const archives = await readyArchiveSizes(
    db,
    contents.items.map((item) => item.releaseId),
  );
  const items = contents.items.map((item): PageItem => {
    const trackIds = item.tracks.map((t) => t.id);
    const formats = item.formats.map((format): FormatChoice => {
      const signed = signFileLink({
        grantId: contents.grant.id,
        releaseId: item.releaseId,
        trackId: item.trackId,
        format: format.id,
        expires,
      });
      const done = cached.get(format.id);
      const ready = trackIds.filter((id) => done?.has(id)).length;
      const size =
        ready < trackIds.length
          ? null
          : item.trackId
            ? (done?.get(item.trackId) ?? null)
            : (archives.get(`${item.releaseId}:${format.id}`) ?? null);
      return {
        id: format.id,
        label: format.label,
        lossless: format.lossless,
        href: fileLinkPath(signed),
        statusHref: fileLinkStatusPath(signed),
        ready,
        total: trackIds.length,
        size,
        complete: ready === trackIds.length && size !== null,
      };
    });
    return {
      key: `${item.releaseId}:${item.trackId ?? "all"}`,
      title: item.title,
      releaseTitle: item.release.title,
      kind: item.release.kind,
      isTrack: item.trackId !== null,
      artworkUrl: releaseArtworkUrl(item.release.artworkKey, "small"),
      artworkUrl2x: releaseArtworkUrl(item.release.artworkKey, "medium"),
      trackCount: item.tracks.length,
      formats,
      defaultFormat: item.defaultFormat,
      losslessUnavailable: item.tracks.length > 0 && !formats.some((f) => f.lossless),
      waitingTracks: item.waitingTracks,
      releaseAt: item.waitingTracks > 0 ? item.release.releaseAt : null,
    };
  });
  return { items, expiresAt: expires };
}

/** The newest ready zip of each release and format (release:format → bytes). */
async function readyArchiveSizes(db: DbOrTx, releaseIds: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (!releaseIds.length) return sizes;
  const rows = await db
    .select({ releaseId: preparedArchives.releaseId, format: preparedArchives.format, size: preparedArchives.size })
    .from(preparedArchives)
    .where(and(inArray(preparedArchives.releaseId, releaseIds), eq(preparedArchives.status, "ready")))
    .orderBy(desc(preparedArchives.readyAt));
  for (const row of rows) {
    const key = `${row.releaseId}:${row.format}`;
    if (row.size !== null && !sizes.has(key)) sizes.set(key, row.size);
  }
  return sizes;
}

export type DownloadPageData = { contents: GrantContents; items: PageItem[]; expiresAt: number };

/** Everything /download/<token> and /library/<grant> show for one grant, or null if it is gone. */
export async function loadDownloadPage(
  db: DbOrTx,
  grantId: string,
  now = new Date(),
): Promise<DownloadPageData | null> {
  const contents = await loadGrantContents(db, grantId);
  if (!contents) return null;
  return { contents, ...(await downloadPageItems(db, contents, now)) };
}
