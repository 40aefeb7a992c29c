import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import { releases, tracks } from "@/db/schema";
import { audioKeys } from "@/lib/audio/formats";
import { storage } from "@/lib/storage";

// No vitest imports here: the benchmarks (tests/bench) build their data with these too.
const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

/**
 * A streaming rendition as the pipeline makes it (MP3 128 kbps CBR), synthesised by ffmpeg on
 * this machine. Returns the file's path.
 */
export function makeStreamMp3(seconds: number, dir = mkdtempSync(path.join(tmpdir(), "merchtable-stream-"))): string {
  const file = path.join(dir, `tone-${seconds}s.mp3`);
  const result = spawnSync(
    process.env.FFMPEG_PATH ?? "ffmpeg",
    // No ID3 tag and no Xing header, as lib/audio/transcode.ts makes them: bytes map to time.
    [
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      `sine=frequency=440:duration=${seconds}`,
      "-ar",
      "44100",
      "-ac",
      "2",
      "-c:a",
      "libmp3lame",
      "-b:a",
      "128k",
      "-write_xing",
      "0",
      "-id3v2_version",
      "0",
      "-map_metadata",
      "-1",
      "-f",
      "mp3",
      file,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`ffmpeg could not make a test MP3: ${result.stderr || result.error}`);
  return file;
}

export type StreamableOptions = {
  releaseStatus?: "draft" | "published";
  status?: "processing" | "ready" | "failed";
  streaming?: "full" | "clip" | "off";
  clipSeconds?: number;
  /** The MP3 to store as the track's stream (makeStreamMp3). */
  file: string;
  /** Leave tracks.stream_size empty, as rows made before the pipeline recorded it. */
  withoutSize?: boolean;
  releaseSlug?: string;
  title?: string;
  durationMs?: number;
  /** Waveform as the pipeline stores it (numbers 0..1). */
  peaks?: number[];
};

/** A release with one track whose stream file is in storage, as the audio pipeline leaves it. */
export async function makeStreamableTrack(db: Db, artistId: string, options: StreamableOptions) {
  const published = (options.releaseStatus ?? "published") === "published";
  const [release] = await db
    .insert(releases)
    .values({
      artistId,
      slug: options.releaseSlug ?? unique("release"),
      title: options.title ?? "Test Release",
      status: published ? "published" : "draft",
      publishedAt: published ? new Date() : null,
    })
    .returning();
  const trackId = crypto.randomUUID();
  const key = audioKeys.stream(artistId, trackId);
  const { size } = await storage().putFromPath(key, options.file, "audio/mpeg");
  const [track] = await db
    .insert(tracks)
    .values({
      id: trackId,
      releaseId: release.id,
      artistId,
      position: 1,
      title: options.title ?? "Test Track",
      masterKey: audioKeys.master(artistId, trackId, "wav"),
      status: options.status ?? "ready",
      streamKey: key,
      streamSize: options.withoutSize ? null : size,
      durationMs: options.durationMs ?? 1000,
      peaks: options.peaks ?? null,
      streaming: options.streaming ?? "full",
      clipSeconds: options.clipSeconds ?? 30,
    })
    .returning();
  return { release, track, size };
}
