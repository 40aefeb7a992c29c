/**
 * How a listen counts, from the seconds actually heard (not the position reached: seeking to the
 * end is not listening to the end).
 *
 * - The playable length is the track's duration, or for a clip the shorter of clip and duration.
 * - complete: at least COMPLETE_RATIO (90 %) of that length, or all of it but the last
 *   END_GRACE_SECONDS (2 s: the player's last report can land a moment before the end, and short
 *   clips would otherwise need near-perfect timing) — but never less than half of it, so a 3 s
 *   sting is not "complete" after one second.
 * - skip: not complete and under SKIP_SECONDS (5 s), the time it takes to decide "not this one".
 * - partial: everything in between.
 * An unknown or zero length cannot be complete.
 *
 * Players report a listen while it goes on, each time it crosses one of `reportPoints` (it counts,
 * it is no longer a skip, it is complete), and once more when it ends; every report of one listen
 * carries the same listen id, so the server upgrades one play instead of counting another.
 */
export const COMPLETE_RATIO = 0.9;
export const END_GRACE_SECONDS = 2;
export const SKIP_SECONDS = 5;

/** Less than this heard is not a listen at all: nothing is reported. */
export const REPORT_FROM_SECONDS = 0.5;

export type PlayOutcome = "complete" | "partial" | "skip";
export type ClipFacts = { isClip: boolean; clipSeconds: number };

/** Seconds a listener can hear of the track: the clip, or the whole track. */
export function playableSeconds(durationSeconds: number | null, clip: ClipFacts): number | null {
  const duration = durationSeconds !== null && Number.isFinite(durationSeconds) && durationSeconds > 0 ? durationSeconds : null;
  if (!clip.isClip) return duration;
  return duration === null ? clip.clipSeconds : Math.min(duration, clip.clipSeconds);
}

/** Seconds heard from which a listen of this playable length is complete, or null when it cannot be. */
export function completeFromSeconds(length: number | null): number | null {
  if (length === null || !(length > 0)) return null;
  return Math.max(Math.min(length * COMPLETE_RATIO, length - END_GRACE_SECONDS), length / 2);
}

/** Seconds heard at which a player reports the listen as it goes (ascending, each once). */
export function reportPoints(length: number | null): number[] {
  const complete = completeFromSeconds(length);
  const points = [REPORT_FROM_SECONDS, SKIP_SECONDS, ...(complete === null ? [] : [complete])];
  return [...new Set(points.filter((p) => complete === null || p <= complete))].sort((a, b) => a - b);
}

export function classifyPlay(secondsListened: number, durationSeconds: number | null, clip: ClipFacts = { isClip: false, clipSeconds: 0 }): PlayOutcome {
  const heard = Number.isFinite(secondsListened) ? Math.max(0, secondsListened) : 0;
  const length = playableSeconds(durationSeconds, clip);
  const complete = completeFromSeconds(length);
  if (complete !== null && heard >= complete) return "complete";
  return heard < SKIP_SECONDS ? "skip" : "partial";
}
