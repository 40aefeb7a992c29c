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
 */
export const COMPLETE_RATIO = 0.9;
export const END_GRACE_SECONDS = 2;
export const SKIP_SECONDS = 5;

export type PlayOutcome = "complete" | "partial" | "skip";
export type ClipFacts = { isClip: boolean; clipSeconds: number };

/** Seconds a listener can hear of the track: the clip, or the whole track. */
export function playableSeconds(durationSeconds: number | null, clip: ClipFacts): number | null {
  const duration = durationSeconds !== null && Number.isFinite(durationSeconds) && durationSeconds > 0 ? durationSeconds : null;
  if (!clip.isClip) return duration;
  return duration === null ? clip.clipSeconds : Math.min(duration, clip.clipSeconds);
}

export function classifyPlay(secondsListened: number, durationSeconds: number | null, clip: ClipFacts = { isClip: false, clipSeconds: 0 }): PlayOutcome {
  const heard = Number.isFinite(secondsListened) ? Math.max(0, secondsListened) : 0;
  const length = playableSeconds(durationSeconds, clip);
  if (length !== null && length > 0) {
    const threshold = Math.max(Math.min(length * COMPLETE_RATIO, length - END_GRACE_SECONDS), length / 2);
    if (heard >= threshold) return "complete";
  }
  return heard < SKIP_SECONDS ? "skip" : "partial";
}
