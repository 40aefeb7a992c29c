/** A track as the player needs it; built on the server from lib/catalog's PublicTrack. */
export type PlayerTrack = {
  id: string;
  position: number;
  title: string;
  /** The whole track's length (from the master), null while unknown. */
  durationSeconds: number | null;
  /** Waveform, ~240 numbers between 0 and 1; null draws a plain progress bar. */
  peaks: number[] | null;
  playback: "full" | "clip" | "off" | "unavailable" | "locked";
  clipSeconds: number;
};

export const isPlayable = (track: PlayerTrack) => track.playback === "full" || track.playback === "clip";

/** What the listener can hear: the clip for clip-only tracks, else the track. */
export function audibleSeconds(track: PlayerTrack): number | null {
  if (track.playback !== "clip") return track.durationSeconds;
  return track.durationSeconds === null ? track.clipSeconds : Math.min(track.durationSeconds, track.clipSeconds);
}

/** The waveform of what is heard: a clip shows only the first part of the track's peaks. */
export function audiblePeaks(track: PlayerTrack): number[] | null {
  if (!track.peaks || track.playback !== "clip" || !track.durationSeconds) return track.peaks;
  const share = Math.min(1, track.clipSeconds / track.durationSeconds);
  return track.peaks.slice(0, Math.max(1, Math.round(track.peaks.length * share)));
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "–:––";
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
