"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";
import { REPORT_FROM_SECONDS, reportPoints } from "@/lib/plays/classify";

/** A pause this long means the listener moved on: the listen is reported, resuming starts a new one. */
export const PAUSE_REPORT_SECONDS = 20;
/** Gaps larger than this between two time updates are seeks or stalls, not listening. */
const MAX_STEP_SECONDS = 2;
/** At its end a listen is reported again only if this much more was heard since its last report. */
const FINAL_REPORT_GAIN_SECONDS = 1;

export type PlaySource = { source: "shop" | "embed"; host?: string };

type Listen = { trackId: string; listenId: string; seconds: number; points: number[]; reported: number | null };

function send(payload: { trackId: string; seconds: number; listenId: string } & PlaySource) {
  const body = JSON.stringify(payload);
  // sendBeacon survives the page going away; its body goes as text/plain, which /api/plays reads.
  if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon("/api/plays", body)) return;
  fetch("/api/plays", { method: "POST", body, keepalive: true, headers: { "Content-Type": "application/json" } }).catch(() => {
    // A lost play report costs the band one count; the listener must never see an error for it.
  });
}

/** getRandomValues works outside secure contexts too (randomUUID does not). */
function newListenId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Counts the seconds actually heard of the current track (seeking does not count) and reports the
 * listen as it crosses each of `reportPoints` (it counts, it is no longer a skip, it is complete),
 * then once more when the listener moves on: the track ends, another one starts, a long pause, or
 * the page goes away. Every report of a listen carries its id, so the server upgrades one play.
 * Attach the returned handlers to the <audio> element.
 */
export function usePlayReporter({ source, host }: PlaySource) {
  const session = useRef<Listen | null>(null);
  const lastTime = useRef<number | null>(null);
  const pauseTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const report = useCallback(
    (listen: Listen) => {
      // Rounded up: a report sent on crossing a point must not land just below it.
      const seconds = Math.ceil(listen.seconds * 100) / 100;
      listen.reported = listen.seconds;
      send({ trackId: listen.trackId, seconds, listenId: listen.listenId, source, host });
    },
    [source, host],
  );

  const flush = useCallback(() => {
    clearTimeout(pauseTimer.current);
    const current = session.current;
    session.current = null;
    lastTime.current = null;
    if (!current || current.seconds < REPORT_FROM_SECONDS) return;
    if (current.reported === null || current.seconds - current.reported >= FINAL_REPORT_GAIN_SECONDS) report(current);
  }, [report]);

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
      const listen = session.current;
      if (!listen || lastTime.current === null) return;
      const step = at - lastTime.current;
      if (step > 0 && step < MAX_STEP_SECONDS) listen.seconds += step;
      lastTime.current = at;
      let crossed = false;
      while (listen.points.length > 0 && listen.seconds >= listen.points[0]) {
        listen.points.shift();
        crossed = true;
      }
      if (crossed) report(listen);
    };
    return {
      flush,
      progressed,
      /** Playback (re)started on `trackId` at `at` seconds; `length` is what can be heard of it (clip or track), null if unknown. */
      started(trackId: string, at: number, length: number | null) {
        clearTimeout(pauseTimer.current);
        if (session.current?.trackId !== trackId) {
          flush();
          session.current = { trackId, listenId: newListenId(), seconds: 0, points: reportPoints(length), reported: null };
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
  }, [flush, report]);
}
