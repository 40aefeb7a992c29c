import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { releases, tracks, type Track } from "@/db/schema";
import { checkArtistAccess } from "@/lib/artists";
import {
  audioKeys,
  probeMaster,
  repairWavSizes,
  sniffAudio,
  undercountedWavData,
  type ProbeProblem,
} from "@/lib/audio";
import { env } from "@/lib/env";
import { enqueueClip, enqueueTrackProcessing } from "@/lib/queue";
import { storage, TooLargeError } from "@/lib/storage";
import { discardPreparedArchives, discardTrackDownloads } from "./archives";
import { fieldErrorsOf, titleFromFilename, trackInputSchema } from "./input";
import { parseTrackPricing, type TrackPricing } from "./price-input";
import { releaseForMember, removeTrackFiles } from "./releases";
import { positionForUpload, uploadOrderKey, type UploadPlace } from "./upload-order";

export const maxUploadBytes = () => env().MAX_UPLOAD_MB * 1024 * 1024;

export type UploadProblem =
  | { reason: "not_found" }
  | { reason: "too_large"; maxMb: number }
  | { reason: Exclude<ProbeProblem, "not_audio"> }
  | { reason: "not_audio"; looksLike: string | null };
export type UploadResult = { ok: true; track: Track; lossy: boolean } | ({ ok: false } & UploadProblem);

/**
 * A WAV whose header counts less audio than it holds is stored again with its two size fields
 * corrected (not a sample changes), so the duration, the player and every download hear it all.
 */
async function probeRepairingWav(masterKey: string, filePath: string) {
  const sizes = await undercountedWavData(filePath);
  if (!sizes) return probeMaster(filePath);
  const dir = await mkdtemp(path.join(tmpdir(), "merchtable-wav-"));
  try {
    const fixed = path.join(dir, "master.wav");
    await copyFile(filePath, fixed);
    await repairWavSizes(fixed, sizes);
    await storage().putFromPath(masterKey, fixed);
    return await probeMaster(fixed);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads the first bytes of a stream and gives back a stream that still starts at byte 0. */
async function peek(source: Readable, bytes = 64): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = [];
  let length = 0;
  const iterator = source[Symbol.asyncIterator]();
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.from(next.value as Uint8Array);
    chunks.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(chunks);
  async function* rest() {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Uint8Array;
  }
  return { head, stream: Readable.from(rest(), { objectMode: false }) };
}

/**
 * One uploaded master, streamed to storage (never whole in memory). Its bytes decide: not audio,
 * empty, truncated or too large → nothing is kept and the band is told why. Otherwise the track
 * is added to the release (at the end, or among the files picked with it: `place`) and queued
 * for processing in the same transaction.
 */
export async function receiveTrackUpload(
  db: Db,
  userId: string,
  releaseId: string,
  filename: string,
  body: Readable,
  declaredLength: number | null,
  place: UploadPlace | null = null,
): Promise<UploadResult> {
  const release = await releaseForMember(db, userId, releaseId);
  if (!release) return { ok: false, reason: "not_found" };
  const maxMb = env().MAX_UPLOAD_MB;
  if (declaredLength !== null && declaredLength > maxUploadBytes()) return { ok: false, reason: "too_large", maxMb };
  if (declaredLength === 0) return { ok: false, reason: "empty" };

  const { head, stream } = await peek(body);
  if (head.length === 0) return { ok: false, reason: "empty" };
  const sniffed = sniffAudio(head);
  if (!sniffed.ok) {
    body.destroy();
    return { ok: false, reason: "not_audio", looksLike: sniffed.looksLike };
  }
  const trackId = crypto.randomUUID();
  const extension = { wav: "wav", flac: "flac", aiff: "aiff", alac: "m4a", mp3: "mp3" }[sniffed.container];
  const masterKey = audioKeys.master(release.artistId, trackId, extension);
  let size: number;
  try {
    ({ size } = await storage().putStream(masterKey, stream, {
      maxBytes: maxUploadBytes(),
      contentType: "application/octet-stream",
    }));
  } catch (error) {
    if (error instanceof TooLargeError) return { ok: false, reason: "too_large", maxMb };
    throw error;
  }
  const copy = await storage().localCopy(masterKey);
  const probe = await probeRepairingWav(masterKey, copy.path).finally(() => copy.cleanup());
  if (!probe.ok) {
    await storage().delete(masterKey);
    return probe.reason === "not_audio"
      ? { ok: false, reason: "not_audio", looksLike: probe.looksLike ?? null }
      : { ok: false, reason: probe.reason };
  }
  const uploadOrder = place ? uploadOrderKey(place, probe.tags.trackNumber) : null;
  const track = await db.transaction(async (tx) => {
    // One upload at a time per release picks its place (the others of its batch may land meanwhile).
    await tx.select({ id: releases.id }).from(releases).where(eq(releases.id, releaseId)).for("update");
    const existing = await tx
      .select({ position: tracks.position, uploadOrder: tracks.uploadOrder })
      .from(tracks)
      .where(eq(tracks.releaseId, releaseId));
    const position = positionForUpload(existing, uploadOrder);
    await tx
      .update(tracks)
      .set({ position: sql`${tracks.position} + 1` })
      .where(and(eq(tracks.releaseId, releaseId), gte(tracks.position, position)));
    const [row] = await tx
      .insert(tracks)
      .values({
        id: trackId,
        releaseId,
        artistId: release.artistId,
        position,
        uploadOrder,
        title: probe.tags.title ?? titleFromFilename(filename),
        isrc: probe.tags.isrc?.replace(/[\s-]/g, "").toUpperCase().slice(0, 12) ?? "",
        durationMs: probe.durationMs,
        masterKey,
        masterFilename: filename.slice(0, 255),
        masterSize: size,
        master: probe.info,
        status: "processing",
      })
      .returning();
    await enqueueTrackProcessing(row.id, { durationMs: row.durationMs, tx });
    return row;
  });
  await discardPreparedArchives(db, releaseId);
  return { ok: true, track, lossy: !probe.info.lossless };
}

async function trackForMember(db: Db, userId: string, trackId: string) {
  const [track] = await db.select().from(tracks).where(eq(tracks.id, trackId));
  if (!track) return null;
  const access = await checkArtistAccess(db, userId, { id: track.artistId });
  return access.allowed ? track : null;
}

export async function updateTrack(db: Db, userId: string, trackId: string, raw: Record<string, unknown>) {
  const current = await trackForMember(db, userId, trackId);
  if (!current) return { ok: false, error: "not_found" } as const;
  const parsed = trackInputSchema.safeParse(raw);
  const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  // The single-track price is read only when the form carries its toggle; its currency is the release's.
  let pricing: TrackPricing | undefined;
  if (raw.soldAlone !== undefined) {
    const [release] = await db
      .select({ currency: releases.currency })
      .from(releases)
      .where(eq(releases.id, current.releaseId));
    const result = parseTrackPricing(raw, release.currency);
    if (result.ok) pricing = result.pricing;
    else Object.assign(fieldErrors, result.fieldErrors);
  }
  if (!parsed.success || Object.keys(fieldErrors).length) return { ok: false, error: "invalid", fieldErrors } as const;
  const track = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(tracks)
      .set({ ...parsed.data, ...pricing })
      .where(eq(tracks.id, trackId))
      .returning();
    // A switch to "clip" or another length needs its clip file (a track still processing gets it then).
    if (row.streaming === "clip" && row.status === "ready" && !(row.clipKey && row.clipKeySeconds === row.clipSeconds))
      await enqueueClip(row.id, { tx });
    return row;
  });
  // Files carry the lyrics in their tags: made before the change, they are made again.
  if (track.lyrics !== current.lyrics) await discardTrackDownloads(db, track);
  else if (track.title !== current.title) await discardPreparedArchives(db, track.releaseId);
  return { ok: true, track } as const;
}

/** New order for a release's tracks: exactly its track ids, each once. */
export async function reorderTracks(db: Db, userId: string, releaseId: string, orderedIds: string[]) {
  const release = await releaseForMember(db, userId, releaseId);
  if (!release) return { ok: false, error: "not_found" } as const;
  const existing = await db.select({ id: tracks.id }).from(tracks).where(eq(tracks.releaseId, releaseId));
  const same =
    existing.length === orderedIds.length &&
    new Set(orderedIds).size === orderedIds.length &&
    existing.every((t) => orderedIds.includes(t.id));
  if (!same) return { ok: false, error: "invalid" } as const;
  await db.transaction(async (tx) => {
    for (const [index, id] of orderedIds.entries()) {
      await tx
        .update(tracks)
        .set({ position: index + 1 })
        .where(and(eq(tracks.id, id), eq(tracks.releaseId, releaseId)));
    }
  });
  await discardPreparedArchives(db, releaseId);
  return { ok: true } as const;
}

export async function deleteTrack(db: Db, userId: string, trackId: string) {
  const track = await trackForMember(db, userId, trackId);
  if (!track) return { ok: false, error: "not_found" } as const;
  await db.transaction(async (tx) => {
    await tx.delete(tracks).where(eq(tracks.id, trackId));
    const rest = await tx
      .select({ id: tracks.id })
      .from(tracks)
      .where(eq(tracks.releaseId, track.releaseId))
      .orderBy(asc(tracks.position));
    for (const [index, row] of rest.entries())
      await tx
        .update(tracks)
        .set({ position: index + 1 })
        .where(eq(tracks.id, row.id));
  });
  await removeTrackFiles(track);
  await discardPreparedArchives(db, track.releaseId);
  return { ok: true } as const;
}

/** Runs processing again for a failed track, or one whose conversion was lost (isStuckProcessing). */
export async function retryTrackProcessing(db: Db, userId: string, trackId: string) {
  const track = await trackForMember(db, userId, trackId);
  if (!track) return { ok: false, error: "not_found" } as const;
  await db.transaction(async (tx) => {
    await tx.update(tracks).set({ status: "processing", statusError: null }).where(eq(tracks.id, trackId));
    await enqueueTrackProcessing(trackId, { durationMs: track.durationMs, tx });
  });
  return { ok: true } as const;
}
