import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { usePlayReporter } from "@/components/player/use-play-reporter";
import { PLAYER_SCRIPT } from "@/lib/embed/player-script";
import type { WidgetData, WidgetTrack } from "@/lib/embed/script/player";
import {
  classifyPlay,
  listenCounter,
  playableSeconds,
  reportPoints,
  type ListenCounter,
  type ListenReport,
} from "@/lib/plays/classify";
import { runWidgetScript } from "@/tests/support/widget-page";

/** One listener's actions on an 8 s track, as both players' <audio> elements see them. */
type Step = { play: number } | { to: number } | { seek: number } | "pause" | { wait: number } | "end";

const track: WidgetTrack = {
  id: "track-8s",
  title: "Porch Song",
  src: "/api/stream/track-8s",
  clip: null,
  duration: 8,
};
/** Time updates every quarter second from the clock's position up to `to`. */
const until = (from: number, to: number) =>
  Array.from({ length: Math.round((to - from) / 0.25) }, (_, i) => ({ to: from + (i + 1) * 0.25 }));

/** Heard 0–3 s, seeked to 6 s, heard to 7 s, paused for good; later played 7–8 s to the end. */
const listening: Step[] = [
  { play: 0 },
  ...until(0, 3),
  { seek: 6 },
  ...until(6, 7),
  "pause",
  { wait: 21 },
  { play: 7 },
  ...until(7, 8),
  "end",
];

/** The shop player: release-player.tsx's <audio> handlers calling its reporter. */
function driveShop(reporter: ListenCounter, steps: Step[], length: number | null) {
  let at = 0;
  let playing = false;
  for (const step of steps) {
    if (step === "pause" || step === "end") {
      playing = false;
      reporter.paused(at);
      if (step === "end") reporter.flush();
    } else if ("play" in step) {
      playing = true;
      at = step.play;
      reporter.started(track.id, at, length);
    } else if ("to" in step) {
      at = step.to;
      if (playing) reporter.progressed(at);
    } else if ("seek" in step) {
      reporter.seeking();
      at = step.seek;
      reporter.seeked(at, playing);
    } else vi.advanceTimersByTime(step.wait * 1000);
  }
}

/** The widget: its real script, its play button clicked and its <audio> firing what a browser fires. */
function driveWidget(steps: Step[], data: WidgetData = { tracks: [track] }) {
  const page = runWidgetScript(PLAYER_SCRIPT, data);
  const fire = (type: string) => page.audio.dispatchEvent(new Event(type));
  for (const step of steps) {
    if (step === "pause") page.toggle.dispatchEvent(new Event("click"));
    else if (step === "end") {
      page.audio.paused = true;
      fire("pause");
      fire("ended");
    } else if ("play" in step) {
      page.audio.currentTime = step.play;
      page.toggle.dispatchEvent(new Event("click"));
    } else if ("to" in step) {
      page.audio.currentTime = step.to;
      fire("timeupdate");
    } else if ("seek" in step) {
      fire("seeking");
      page.audio.currentTime = step.seek;
      fire("seeked");
    } else vi.advanceTimersByTime(step.wait * 1000);
  }
  return page.sent;
}

/** Reports without their random listen ids, which are checked apart: one id per listen. */
const listens = <R extends { listenId?: unknown }>(reports: R[]) => {
  const ids = [...new Set(reports.map((report) => report.listenId))];
  return reports.map(({ listenId, ...rest }) => ({ listen: ids.indexOf(listenId), ...rest }));
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("how a player counts a listen (lib/plays/classify's listenCounter)", () => {
  it("reports it as it starts counting, stops being a skip and becomes complete, then once more at its end", () => {
    const reports: ListenReport[] = [];
    const counter = listenCounter((report) => reports.push(report));
    driveShop(counter, [{ play: 0 }, ...until(0, 8), "end"], 8);
    expect(reports.map((r) => r.seconds)).toEqual([0.5, 5, 6, 8]);
    expect(reports.map((r) => classifyPlay(r.seconds, 8))).toEqual(["skip", "partial", "complete", "complete"]);
    expect(new Set(reports.map((r) => r.listenId)).size).toBe(1);
  });

  it("does not count a seek as listening, and a pause of 20 s ends the listen: playing on starts a new one", () => {
    const reports: ListenReport[] = [];
    driveShop(
      listenCounter((report) => reports.push(report)),
      listening,
      8,
    );
    expect(listens(reports)).toEqual([
      { listen: 0, trackId: track.id, seconds: 0.5 },
      { listen: 0, trackId: track.id, seconds: 4 },
      { listen: 1, trackId: track.id, seconds: 0.5 },
    ]);
  });
});

describe("the shop's player and the widgets' player", () => {
  it("report the same listen at the same moments, because both run the one listen counter", () => {
    const shopReports: Record<string, unknown>[] = [];
    vi.stubGlobal("navigator", { sendBeacon: (_url: string, body: string) => shopReports.push(JSON.parse(body)) > 0 });
    let reporter: ListenCounter | undefined;
    function ShopPlayer() {
      reporter = usePlayReporter({ source: "shop" });
      return null;
    }
    renderToString(createElement(ShopPlayer));
    driveShop(reporter!, listening, 8);
    const widgetReports = driveWidget(listening);

    const counted = (reports: Record<string, unknown>[]) =>
      listens(reports).map(({ source: _source, host: _host, ...rest }) => rest);
    expect(counted(widgetReports)).toEqual(counted(shopReports));
    expect(counted(shopReports)).toHaveLength(3);
    expect(shopReports.every((report) => report.source === "shop" && report.host === undefined)).toBe(true);
    expect(widgetReports.every((report) => report.source === "embed" && report.host === "band.example")).toBe(true);
  });

  it("a click on the first track's row in a fresh widget loads it and plays it", () => {
    const page = runWidgetScript(PLAYER_SCRIPT, { tracks: [track, { ...track, id: "track-2" }] });
    expect(page.audio.src).toBe("");
    page.rows[0].dispatchEvent(new Event("click"));
    expect(page.audio.src).toBe(track.src);
    expect(page.audio.paused).toBe(false);
  });

  it("the widget stops a clip at its end and counts it against the clip's length, as the server does", () => {
    const clip = { ...track, clip: 3 };
    const reports = driveWidget([{ play: 0 }, ...until(0, 3)], { tracks: [clip] });
    const length = playableSeconds(8, { isClip: true, clipSeconds: 3 });
    expect(reports.map((r) => r.seconds)).toEqual([...reportPoints(length), 3]);
    expect(reports.map((r) => classifyPlay(r.seconds as number, 8, { isClip: true, clipSeconds: 3 }))).toEqual([
      "skip",
      "complete",
      "complete",
    ]);
  });
});
