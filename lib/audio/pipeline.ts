import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import type { DbOrTx } from "@/db/client";
import { artists, releases, trackFiles, tracks } from "@/db/schema";
import { logger } from "@/lib/log";
import { IMMUTABLE, storage } from "@/lib/storage";
import { deleteQuietly, ensureClip } from "./clip";
import { FfmpegMissingError } from "./ffmpeg";
import { audioKeys, downloadFormat, formatsFor, type DownloadFormat, type DownloadFormatId } from "./formats";
import { computePeaks, makeDownload, makeStream } from "./transcode";

async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "merchtable-audio-"));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function loadTrack(db: DbOrTx, trackId: string) {
  const [row] = await db
    .select({ track: tracks, release: releases, artistName: artists.name })
    .from(tracks)
    .innerJoin(releases, eq(releases.id, tracks.releaseId))
    .innerJoin(artists, eq(artists.id, tracks.artistId))
    .where(eq(tracks.id, trackId));
  return row;
}

function humanError(error: unknown) {
  if (error instanceof FfmpegMissingError)
    return "The server cannot convert audio right now (ffmpeg is missing). Try again later.";
  return "We could not convert this file. Export it again as WAV or FLAC and upload it again.";
}

/**
 * After an upload: the streaming rendition, the waveform and the duration, and the clip file of a
 * track set to "clip". Never throws for a bad file: the track ends "failed" with a reason the
 * band can act on. Each rendition gets a new key (IMMUTABLE); the files it replaces are deleted.
 */
export async function processTrack(db: DbOrTx, trackId: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const row = await loadTrack(db, trackId);
  if (!row) return { ok: false, error: "not_found" };
  const { track } = row;
  const master = await storage().localCopy(track.masterKey);
  try {
    const result = await withTempDir(async (dir) => {
      const streamPath = path.join(dir, "stream.mp3");
      await makeStream(master.path, streamPath);
      const streamSize = (await stat(streamPath)).size;
      const durationSeconds = track.durationMs ? track.durationMs / 1000 : streamSize / 16000;
      const peaks = await computePeaks(master.path, durationSeconds);
      const key = audioKeys.stream(track.artistId, track.id, randomBytes(4).toString("hex"));
      await storage().putFromPath(key, streamPath, "audio/mpeg", IMMUTABLE);
      return { key, streamSize, peaks, durationMs: Math.round(durationSeconds * 1000) };
    });
    await db
      .update(tracks)
      .set({
        streamKey: result.key,
        streamSize: result.streamSize,
        peaks: result.peaks,
        durationMs: result.durationMs,
        // A clip cut from the previous rendition is no longer this track's clip.
        clipKey: null,
        clipSize: null,
        clipKeySeconds: null,
        status: "ready",
        statusError: null,
      })
      .where(eq(tracks.id, trackId));
    for (const old of [track.streamKey, track.clipKey])
      if (old && old !== result.key) await deleteQuietly(old, trackId);
  } catch (error) {
    const message = humanError(error);
    await db.update(tracks).set({ status: "failed", statusError: message }).where(eq(tracks.id, trackId));
    return { ok: false, error: message };
  } finally {
    await master.cleanup();
  }
  try {
    await ensureClip(db, trackId);
  } catch (error) {
    // The track plays meanwhile: the app sends the clip's bytes itself until the file exists.
    logger.error({ err: error, trackId }, "audio: cutting the clip failed; saving the track again retries");
  }
  return { ok: true };
}

/** The release cover as a JPEG file for embedding, or null. */
async function coverJpeg(artworkKey: string | null, dir: string) {
  if (!artworkKey) return null;
  for (const suffix of ["1200", "600"]) {
    const key = `${artworkKey}-${suffix}.webp`;
    if (!(await storage().stat(key))) continue;
    const copy = await storage().localCopy(key);
    try {
      const target = path.join(dir, "cover.jpg");
      await sharp(copy.path).jpeg({ quality: 88 }).toFile(target);
      return target;
    } finally {
      await copy.cleanup();
    }
  }
  return null;
}

export type DownloadFile = { key: string; size: number; format: DownloadFormat };

/**
 * A track in a download format, made from the master on first request and kept. Two requests for
 * the same file wait on one advisory lock, so it is made once.
 */
export async function ensureDownload(db: DbOrTx, trackId: string, formatId: DownloadFormatId): Promise<DownloadFile> {
  const format = downloadFormat(formatId);
  const cached = async (tx: DbOrTx) => {
    const [file] = await tx
      .select()
      .from(trackFiles)
      .where(and(eq(trackFiles.trackId, trackId), eq(trackFiles.format, formatId)));
    return file && (await storage().stat(file.key)) ? { key: file.key, size: file.size, format } : null;
  };
  const hit = await cached(db);
  if (hit) return hit;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`download:${trackId}:${formatId}`}, 0))`);
    const again = await cached(tx);
    if (again) return again;
    const row = await loadTrack(tx, trackId);
    if (!row) throw new Error("Track not found");
    const { track, release, artistName } = row;
    if (!formatsFor(track.master?.lossless ?? false).some((f) => f.id === formatId)) {
      throw new Error(`${format.label} needs a lossless master`);
    }
    const [{ count }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(tracks)
      .where(eq(tracks.releaseId, release.id));
    const master = await storage().localCopy(track.masterKey);
    try {
      return await withTempDir(async (dir) => {
        const output = path.join(dir, `out.${format.extension}`);
        const tags = {
          title: track.title,
          artist: artistName,
          album: release.title,
          trackNumber: track.position,
          trackCount: count,
          year: release.releaseDate?.slice(0, 4),
          lyrics: track.lyrics,
        };
        await makeDownload(master.path, output, formatId, tags, await coverJpeg(release.artworkKey, dir));
        const key = audioKeys.download(track.artistId, track.id, format);
        const { size } = await storage().putFromPath(key, output, format.mime);
        await tx
          .insert(trackFiles)
          .values({ trackId, format: formatId, key, size })
          .onConflictDoUpdate({ target: [trackFiles.trackId, trackFiles.format], set: { key, size } });
        return { key, size, format };
      });
    } finally {
      await master.cleanup();
    }
  });
}
