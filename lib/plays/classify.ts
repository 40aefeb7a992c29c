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
 * `listenCounter` is that counting, shared by both players: the shop's (components/player) and
 * the widgets' script (lib/embed/script, bundled with this module by esbuild). Keep this module
 * free of imports, so the widget stays small.
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
  const duration =
    durationSeconds !== null && Number.isFinite(durationSeconds) && durationSeconds > 0 ? durationSeconds : null;
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

export function classifyPlay(
  secondsListened: number,
  durationSeconds: number | null,
  clip: ClipFacts = { isClip: false, clipSeconds: 0 },
): PlayOutcome {
  const heard = Number.isFinite(secondsListened) ? Math.max(0, secondsListened) : 0;
  const length = playableSeconds(durationSeconds, clip);
  const complete = completeFromSeconds(length);
  if (complete !== null && heard >= complete) return "complete";
  return heard < SKIP_SECONDS ? "skip" : "partial";
}

/** Gaps larger than this between two time updates are seeks or stalls, not listening. */
export const MAX_STEP_SECONDS = 2;
/** At its end a listen is reported again only if this much more was heard since its last report. */
export const FINAL_REPORT_GAIN_SECONDS = 1;
/** A pause this long means the listener moved on: the listen is reported, resuming starts a new one. */
export const PAUSE_REPORT_SECONDS = 20;

/** What a player sends to /api/plays for a listen (it adds where it plays). */
export type ListenReport = { trackId: string; listenId: string; seconds: number };

type Listen = { trackId: string; listenId: string; seconds: number; points: number[]; reported: number | null };

/** getRandomValues works outside secure contexts too (randomUUID does not). */
function newListenId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Counts the seconds actually heard of the current track (seeking does not count) and calls
 * `report` as the listen crosses each of `reportPoints`, then once more when the listener moves
 * on: the track ends, another one starts, a long pause, or the page goes away (`flush`).
 * A player calls these from its <audio> element's events.
 */
export function listenCounter(report: (listen: ListenReport) => void) {
  let listen: Listen | null = null;
  let lastTime: number | null = null;
  let pauseTimer: ReturnType<typeof setTimeout> | undefined;

  const send = (current: Listen) => {
    current.reported = current.seconds;
    // Rounded up: a report sent on crossing a point must not land just below it.
    report({ trackId: current.trackId, listenId: current.listenId, seconds: Math.ceil(current.seconds * 100) / 100 });
  };

  const flush = () => {
    clearTimeout(pauseTimer);
    const current = listen;
    listen = null;
    lastTime = null;
    if (!current || current.seconds < REPORT_FROM_SECONDS) return;
    if (current.reported === null || current.seconds - current.reported >= FINAL_REPORT_GAIN_SECONDS) send(current);
  };

  const progressed = (at: number) => {
    if (!listen || lastTime === null) return;
    const step = at - lastTime;
    if (step > 0 && step < MAX_STEP_SECONDS) listen.seconds += step;
    lastTime = at;
    let crossed = false;
    while (listen.points.length > 0 && listen.seconds >= listen.points[0]) {
      listen.points.shift();
      crossed = true;
    }
    if (crossed) send(listen);
  };

  return {
    flush,
    progressed,
    /** Playback (re)started on `trackId` at `at` seconds; `length` is what can be heard of it (clip or track), null if unknown. */
    started(trackId: string, at: number, length: number | null) {
      clearTimeout(pauseTimer);
      if (listen?.trackId !== trackId) {
        flush();
        listen = { trackId, listenId: newListenId(), seconds: 0, points: reportPoints(length), reported: null };
      }
      lastTime = at;
    },
    /** A seek begins: the jump is not listening. */
    seeking() {
      lastTime = null;
    },
    seeked(at: number, playing: boolean) {
      if (playing) lastTime = at;
    },
    paused(at: number) {
      progressed(at);
      lastTime = null;
      clearTimeout(pauseTimer);
      pauseTimer = setTimeout(flush, PAUSE_REPORT_SECONDS * 1000);
    },
  };
}

export type ListenCounter = ReturnType<typeof listenCounter>;
