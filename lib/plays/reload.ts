/**
 * With object storage, a track's audio comes from a signed address that lives minutes
 * (lib/stream/stream-redirect.ts). After a long pause the bucket refuses the next range and the
 * <audio> element reports an error; both players then ask the app again (a fresh address) and go
 * on from where the listener was. Once per track per minute, so a track that really fails (gone,
 * refused) ends in the player's error state instead of a loop.
 */
export const RELOAD_AFTER_ERROR_EVERY_MS = 60_000;

export type ReloadMemory = { trackId: string; at: number } | null;

/** Whether to reload this track after a media error, and the memory to keep if so. */
export function reloadAfterError(
  last: ReloadMemory,
  trackId: string,
  errorCode: number | undefined,
  now: number,
): ReloadMemory | false {
  // 1 = MEDIA_ERR_ABORTED: the player itself moved on (a new track, a new load()).
  if (errorCode === 1) return false;
  if (last && last.trackId === trackId && now - last.at < RELOAD_AFTER_ERROR_EVERY_MS) return false;
  return { trackId, at: now };
}

/**
 * Chromium does not report a refused range at once: it retries the dead address for about half a
 * minute before the error event. A seek or a wait that has not ended after this long is treated
 * as the same failure (and a stuck connection is worth a fresh address anyway).
 */
export const STALL_RELOAD_AFTER_MS = 8_000;

/**
 * Calls `onStall` when a seek or a wait for data has not ended after STALL_RELOAD_AFTER_MS; data
 * arriving, a finished seek, playback going on or a new source disarm it. Returns the unwatch.
 */
export function watchStalls(audio: HTMLMediaElement, onStall: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const disarm = () => clearTimeout(timer);
  const arm = () => {
    disarm();
    timer = setTimeout(onStall, STALL_RELOAD_AFTER_MS);
  };
  const arming = ["seeking", "waiting"];
  const disarming = ["seeked", "playing", "canplay", "emptied", "ended", "error"];
  for (const name of arming) audio.addEventListener(name, arm);
  for (const name of disarming) audio.addEventListener(name, disarm);
  return () => {
    disarm();
    for (const name of arming) audio.removeEventListener(name, arm);
    for (const name of disarming) audio.removeEventListener(name, disarm);
  };
}
