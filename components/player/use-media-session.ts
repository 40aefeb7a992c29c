"use client";

import { useEffect } from "react";
import type { PlayerTrack } from "./types";

type Options = {
  track: PlayerTrack | undefined;
  artistName: string;
  releaseTitle: string;
  artworkUrl: string | null;
  playing: boolean;
  time: number;
  duration: number | null;
  onToggle: () => void;
  onSkip: (step: 1 | -1) => void;
  onSeek: (seconds: number) => void;
};

/** Lock screen, headset buttons and the browser's media controls drive the same player. */
export function useMediaSession({
  track,
  artistName,
  releaseTitle,
  artworkUrl,
  playing,
  time,
  duration,
  onToggle,
  onSkip,
  onSeek,
}: Options) {
  const supported = typeof navigator !== "undefined" && "mediaSession" in navigator;

  useEffect(() => {
    if (!supported || !track) return;
    navigator.mediaSession.metadata = new MediaMetadata({
      title: track.title,
      artist: artistName,
      album: releaseTitle,
      artwork: artworkUrl ? [{ src: artworkUrl, sizes: "600x600", type: "image/webp" }] : [],
    });
  }, [supported, track, artistName, releaseTitle, artworkUrl]);

  useEffect(() => {
    if (!supported) return;
    const session = navigator.mediaSession;
    const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
      ["play", onToggle],
      ["pause", onToggle],
      ["previoustrack", () => onSkip(-1)],
      ["nexttrack", () => onSkip(1)],
      ["seekto", (details) => details.seekTime !== undefined && onSeek(details.seekTime)],
    ];
    for (const [action, handler] of handlers) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // Older browsers reject actions they do not know (seekto); the others still work.
      }
    }
    return () => {
      for (const [action] of handlers) {
        try {
          session.setActionHandler(action, null);
        } catch {
          // As above.
        }
      }
    };
  }, [supported, onToggle, onSkip, onSeek]);

  useEffect(() => {
    if (!supported) return;
    navigator.mediaSession.playbackState = playing ? "playing" : "paused";
    if (duration && duration > 0 && time <= duration) {
      try {
        navigator.mediaSession.setPositionState({ duration, position: time, playbackRate: 1 });
      } catch {
        // Some browsers refuse position state while metadata loads.
      }
    }
  }, [supported, playing, time, duration]);
}
