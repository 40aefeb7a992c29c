"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";

/** A pause this long means the listener moved on: the listen is reported, resuming starts a new one. */
export const PAUSE_REPORT_SECONDS = 20;
/** Gaps larger than this between two time updates are seeks or stalls, not listening. */
const MAX_STEP_SECONDS = 2;

export type PlaySource = { source: "shop" | "embed"; host?: string };

function send(payload: { trackId: string; seconds: number } & PlaySource) {
  const body = JSON.stringify(payload);
  // sendBeacon survives the page going away; its body goes as text/plain, which /api/plays reads.
  if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon("/api/plays", body)) return;
  fetch("/api/plays", { method: "POST", body, keepalive: true, headers: { "Content-Type": "application/json" } }).catch(() => {
    // A lost play report costs the band one count; the listener must never see an error for it.
  });
}

/**
 * Counts the seconds actually heard of the current track (seeking does not count) and reports
 * them once the listener moves on: the track ends, another one starts, a long pause, or the page
 * goes away. Attach the returned handlers to the <audio> element.
 */
export function usePlayReporter({ source, host }: PlaySource) {
  const session = useRef<{ trackId: string; seconds: number } | null>(null);
  const lastTime = useRef<number | null>(null);
  const pauseTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(() => {
    clearTimeout(pauseTimer.current);
    const current = session.current;
    session.current = null;
    lastTime.current = null;
    if (current && current.seconds >= 0.5) send({ trackId: current.trackId, seconds: Math.round(current.seconds * 10) / 10, source, host });
  }, [source, host]);

  useEffect(() => {
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      // Leaving the release page inside the app (no pagehide) also ends the listen.
      flush();
    };
  }, [flush]);

  return useMemo(() => {
    const progressed = (at: number) => {
      if (!session.current || lastTime.current === null) return;
      const step = at - lastTime.current;
      if (step > 0 && step < MAX_STEP_SECONDS) session.current.seconds += step;
      lastTime.current = at;
    };
    return {
      flush,
      progressed,
      /** Playback (re)started on `trackId` at `at` seconds. */
      started(trackId: string, at: number) {
        clearTimeout(pauseTimer.current);
        if (session.current?.trackId !== trackId) {
          flush();
          session.current = { trackId, seconds: 0 };
        }
        lastTime.current = at;
      },
      /** A seek begins: the jump is not listening. */
      seeking() {
        lastTime.current = null;
      },
      seeked(at: number, playing: boolean) {
        if (playing) lastTime.current = at;
      },
      paused(at: number) {
        progressed(at);
        lastTime.current = null;
        clearTimeout(pauseTimer.current);
        pauseTimer.current = setTimeout(flush, PAUSE_REPORT_SECONDS * 1000);
      },
    };
  }, [flush]);
}
