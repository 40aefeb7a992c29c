"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** Where one format of one item stands, as the page shows it. */
export type Phase =
  | { kind: "idle" }
  | { kind: "starting" }
  | { kind: "preparing"; ready: number; total: number; step: "files" | "archive" }
  | { kind: "ready"; size: number | null }
  | { kind: "failed" }
  | { kind: "error"; message: string | null };

type Status = {
  state: "ready" | "preparing" | "idle" | "failed";
  ready: number;
  total: number;
  step?: "files" | "archive";
  size?: number;
};

const POLL_MS = 1500;

/**
 * Asks the status endpoint to make a format (POST once), then follows it (GET) until every file
 * is there, and for a release its zip is packed (its size then shown before the fan clicks). "idle" while polling means the queue lost the job (a restart): ask again.
 */
export function usePreparation(onReady: (statusHref: string) => void) {
  const [phases, setPhases] = useState<Record<string, Phase>>({});
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const onReadyRef = useRef(onReady);
  useEffect(() => {
    onReadyRef.current = onReady;
  }, [onReady]);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  const ask = useCallback(async (statusHref: string, method: "GET" | "POST", retry = false) => {
    const set = (phase: Phase) => setPhases((all) => ({ ...all, [statusHref]: phase }));
    let status: Status;
    try {
      const response = await fetch(statusHref, {
        method,
        cache: "no-store",
        headers: method === "POST" ? { "Content-Type": "application/json" } : undefined,
        body: method === "POST" ? JSON.stringify({ retry }) : undefined,
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        set({ kind: "error", message: body?.error ?? null });
        return;
      }
      status = (await response.json()) as Status;
    } catch {
      set({ kind: "error", message: null });
      return;
    }
    if (status.state === "ready") {
      set({ kind: "ready", size: status.size ?? null });
      onReadyRef.current(statusHref);
    } else if (status.state === "failed") {
      set({ kind: "failed" });
    } else {
      set({ kind: "preparing", ready: status.ready, total: status.total, step: status.step ?? "files" });
      const next = status.state === "idle" ? "POST" : "GET";
      timers.current.set(
        statusHref,
        setTimeout(() => void ask(statusHref, next), POLL_MS),
      );
    }
  }, []);

  const start = useCallback(
    (statusHref: string, retry = false) => {
      clearTimeout(timers.current.get(statusHref));
      setPhases((all) => ({ ...all, [statusHref]: { kind: "starting" } }));
      void ask(statusHref, "POST", retry);
    },
    [ask],
  );

  return { phases, start };
}
