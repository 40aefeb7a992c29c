"use client";

import { useEffect, useMemo } from "react";
import { listenCounter, type ListenReport } from "@/lib/plays/classify";

export type PlaySource = { source: "shop" | "embed"; host?: string };

function send(payload: ListenReport & PlaySource) {
  const body = JSON.stringify(payload);
  // sendBeacon survives the page going away; its body goes as text/plain, which /api/plays reads.
  if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon("/api/plays", body)) return;
  fetch("/api/plays", { method: "POST", body, keepalive: true, headers: { "Content-Type": "application/json" } }).catch(
    () => {
      // A lost play report costs the band one count; the listener must never see an error for it.
    },
  );
}

/**
 * The shop player's listen counting: lib/plays/classify's `listenCounter` (the same one the widget
 * script runs), reporting to /api/plays from this page. It also ends the listen when the page goes
 * away or the player leaves it. Attach the returned handlers to the <audio> element.
 */
export function usePlayReporter({ source, host }: PlaySource) {
  const counter = useMemo(() => listenCounter((listen) => send({ ...listen, source, host })), [source, host]);

  useEffect(() => {
    window.addEventListener("pagehide", counter.flush);
    return () => {
      window.removeEventListener("pagehide", counter.flush);
      // Leaving the release page inside the app (no pagehide) also ends the listen.
      counter.flush();
    };
  }, [counter]);

  return counter;
}
