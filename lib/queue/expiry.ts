import { env } from "@/lib/env";

/**
 * How long a job may stay active before pg-boss hands it to another worker (the process running
 * it was killed, or hangs). Long enough for the slowest honest run, short enough that a crash does
 * not block a track for long: converting reads the master twice (stream, waveform) at well over
 * 10× realtime on a small machine, plus copying it from storage.
 */
const TRACK_BASE_SECONDS = 180;
const TRACK_SECONDS_PER_AUDIO_SECOND = 0.25;
/** A master of unknown length: as long as two hours of audio. */
const UNKNOWN_AUDIO_SECONDS = 7200;
/** One download format of one track (AAC, the slowest encoder, runs at ~30× realtime). */
export const DOWNLOAD_EXPIRE_SECONDS = 600;

export function trackJobExpirySeconds(durationMs: number | null): number {
  const override = env().JOB_EXPIRE_SECONDS;
  if (override) return override;
  const audioSeconds = durationMs && durationMs > 0 ? durationMs / 1000 : UNKNOWN_AUDIO_SECONDS;
  return Math.ceil(TRACK_BASE_SECONDS + audioSeconds * TRACK_SECONDS_PER_AUDIO_SECOND);
}

export const downloadJobExpirySeconds = () => env().JOB_EXPIRE_SECONDS ?? DOWNLOAD_EXPIRE_SECONDS;

/**
 * A track still "processing" longer than its job may run has lost its job (the server died
 * mid-conversion): the band gets Retry instead of waiting.
 */
export function isStuckProcessing(
  track: { status: string; durationMs: number | null; updatedAt: Date },
  now = Date.now(),
): boolean {
  return (
    track.status === "processing" && now - track.updatedAt.getTime() > trackJobExpirySeconds(track.durationMs) * 1000
  );
}
