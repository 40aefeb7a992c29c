import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { tracks } from "@/db/schema";
import { logger } from "@/lib/log";
import { IMMUTABLE, storage } from "@/lib/storage";
import { ffmpeg } from "./ffmpeg";
import { audioKeys, STREAM } from "./formats";

/**
 * The first `seconds` of the streaming rendition, copied frame by frame (no new encoding): the
 * file ends where the clip ends, so a signed URL to it can never yield a byte past the clip.
 * CBR without a Xing header, like the rendition, so players read its length from its size.
 */
export async function cutClip(input: string, output: string, seconds: number) {
  const result = await ffmpeg(
    [
      "-v",
      "error",
      "-i",
      input,
      "-map",
      "0:a:0",
      "-t",
      String(seconds),
      "-c:a",
      "copy",
      "-map_metadata",
      "-1",
      "-write_xing",
      "0",
      "-id3v2_version",
      "0",
      "-f",
      "mp3",
      output,
    ],
    { timeoutMs: 5 * 60_000 },
  );
  if (result.code !== 0) throw new Error(`Cutting the clip failed: ${result.stderr.trim().split("\n").at(-1)}`);
}

export type ClipResult =
  | { made: true; key: string; size: number }
  | { made: false; reason: "not_found" | "not_clip" | "not_ready" | "current" | "changed" };

/**
 * Makes the clip file of a track set to "clip" when it has none cut at its current clipSeconds
 * (after processing, a switch to clip, another clip length). Stored under a new key each time,
 * IMMUTABLE; the row points at it only if the track still wants that clip of that rendition, and
 * the file it replaces is deleted. Safe to run twice at once: the row lock orders the swaps, so
 * every replaced file is deleted and only the file the row names is kept.
 */
export async function ensureClip(db: DbOrTx, trackId: string): Promise<ClipResult> {
  const [track] = await db.select().from(tracks).where(eq(tracks.id, trackId));
  if (!track) return { made: false, reason: "not_found" };
  if (track.streaming !== "clip") return { made: false, reason: "not_clip" };
  if (track.status !== "ready" || !track.streamKey) return { made: false, reason: "not_ready" };
  if (track.clipKey && track.clipKeySeconds === track.clipSeconds) return { made: false, reason: "current" };
  const { streamKey, clipSeconds: seconds } = track;

  const key = audioKeys.clip(track.artistId, track.id, seconds, randomBytes(4).toString("hex"));
  const dir = await mkdtemp(path.join(tmpdir(), "merchtable-clip-"));
  const source = await storage().localCopy(streamKey);
  let size: number;
  try {
    const output = path.join(dir, "clip.mp3");
    await cutClip(source.path, output, seconds);
    ({ size } = await storage().putFromPath(key, output, STREAM.mime, IMMUTABLE));
  } finally {
    await source.cleanup();
    await rm(dir, { recursive: true, force: true });
  }

  const replaced = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ clipKey: tracks.clipKey })
      .from(tracks)
      .where(and(eq(tracks.id, trackId), eq(tracks.streamKey, streamKey), eq(tracks.clipSeconds, seconds)))
      .for("update");
    if (!row) return null;
    await tx
      .update(tracks)
      .set({ clipKey: key, clipSize: size, clipKeySeconds: seconds })
      .where(eq(tracks.id, trackId));
    return { old: row.clipKey };
  });
  if (!replaced) {
    // A new rendition or another length meanwhile: its own run makes the right clip.
    await storage().delete(key);
    return { made: false, reason: "changed" };
  }
  if (replaced.old && replaced.old !== key) await deleteQuietly(replaced.old, trackId);
  return { made: true, key, size };
}

/**
 * Clip tracks still without their file: set to "clip" before clips were files, or whose cut
 * failed every retry. A few each run, oldest change first, each on its own; a track saved in the
 * last minutes is left to the job its save queued.
 */
export async function cutMissingClips(db: DbOrTx, limit = 20): Promise<number> {
  const due = await db
    .select({ id: tracks.id })
    .from(tracks)
    .where(
      and(
        eq(tracks.streaming, "clip"),
        eq(tracks.status, "ready"),
        or(isNull(tracks.clipKey), isNull(tracks.clipKeySeconds), ne(tracks.clipKeySeconds, tracks.clipSeconds)),
        lt(tracks.updatedAt, sql`now() - interval '5 minutes'`),
      ),
    )
    .orderBy(asc(tracks.updatedAt))
    .limit(limit);
  let made = 0;
  for (const { id } of due) {
    try {
      if ((await ensureClip(db, id)).made) made++;
    } catch (error) {
      logger.error({ err: error, trackId: id }, "audio: cutting a missing clip failed; a later run tries again");
      // To the back of the line, so a few files that cannot be cut never hold up the others.
      await db.update(tracks).set({ updatedAt: new Date() }).where(eq(tracks.id, id));
    }
  }
  return made;
}

/** A file no row names any more; one left behind costs storage, not correctness. */
export async function deleteQuietly(key: string, trackId: string) {
  try {
    await storage().delete(key);
  } catch (error) {
    logger.warn({ err: error, key, trackId }, "audio: could not delete a replaced file");
  }
}
