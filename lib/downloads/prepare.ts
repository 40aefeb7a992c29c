import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { trackFiles } from "@/db/schema";
import type { DownloadFormatId } from "@/lib/audio";
import { downloadJobKey, downloadPreparationStates, enqueueDownloadPreparation } from "@/lib/queue";

/**
 * Download formats are made on first request (lib/audio/pipeline ensureDownload, seconds per
 * track). Requests never wait for that: the page asks for the missing tracks to be made in the
 * job queue and polls these counts until every file is there.
 */
export type Preparation = {
  /** idle: some files are missing and nothing is making them (ask again with `start`). */
  state: "ready" | "preparing" | "idle" | "failed";
  /** Track files made so far. */
  ready: number;
  total: number;
  /** What is being made: the tracks' files, then (a release) its zip, packed once and stored. */
  step?: "files" | "archive";
  /** Bytes of the file the fan gets (the track's, or the zip's), once it exists. */
  size?: number;
};

/** A failure older than this is tried again when a fan asks (ffmpeg was missing, a disk was full…). */
const RETRY_FAILED_AFTER_MS = 10 * 60 * 1000;

/** Cached files of these tracks in each format: track id → bytes. */
export async function cachedTracksByFormat(db: DbOrTx, trackIds: string[]): Promise<Map<string, Map<string, number>>> {
  const byFormat = new Map<string, Map<string, number>>();
  if (!trackIds.length) return byFormat;
  const rows = await db
    .select({ trackId: trackFiles.trackId, format: trackFiles.format, size: trackFiles.size })
    .from(trackFiles)
    .where(inArray(trackFiles.trackId, trackIds));
  for (const row of rows) {
    const sizes = byFormat.get(row.format) ?? new Map<string, number>();
    sizes.set(row.trackId, row.size);
    byFormat.set(row.format, sizes);
  }
  return byFormat;
}

async function missingTracks(db: DbOrTx, trackIds: string[], format: DownloadFormatId) {
  if (!trackIds.length) return [];
  const rows = await db
    .select({ trackId: trackFiles.trackId })
    .from(trackFiles)
    .where(and(inArray(trackFiles.trackId, trackIds), eq(trackFiles.format, format)));
  const ready = new Set(rows.map((r) => r.trackId));
  return trackIds.filter((id) => !ready.has(id));
}

/**
 * Where the files of these tracks stand in this format. With `start`, missing ones are queued
 * (unless already queued or running, or failed a moment ago — `retry` re-queues those too).
 */
export async function prepareDownloads(
  db: DbOrTx,
  trackIds: string[],
  format: DownloadFormatId,
  options: { start?: boolean; retry?: boolean; now?: Date } = {},
): Promise<Preparation> {
  const total = trackIds.length;
  const missing = await missingTracks(db, trackIds, format);
  if (!missing.length) return { state: "ready", ready: total, total };
  const jobs = missing.map((trackId) => ({ trackId, format }));
  const states = await downloadPreparationStates(jobs);
  const now = (options.now ?? new Date()).getTime();
  let failed = false;
  let idle = false;
  for (const job of jobs) {
    const latest = states.get(downloadJobKey(job));
    if (latest && ["created", "retry", "active"].includes(latest.state)) continue;
    if (latest?.state === "failed" && now - latest.createdOn.getTime() < RETRY_FAILED_AFTER_MS && !options.retry) {
      failed = true;
    } else if (options.start) {
      await enqueueDownloadPreparation(job);
    } else {
      idle = true;
    }
  }
  const state = failed ? "failed" : idle ? "idle" : "preparing";
  return { state, ready: total - missing.length, total };
}
