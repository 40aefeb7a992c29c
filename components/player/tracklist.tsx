"use client";

import { EqualizerIcon } from "./icons";
import { translator, type PlayerText } from "./text";
import { formatTime, isPlayable, type PlayerTrack } from "./types";

type Props = {
  text: PlayerText;
  tracks: PlayerTrack[];
  currentIndex: number;
  playing: boolean;
  onChoose: (index: number) => void;
};

/** Every track of the release; the playable ones start playing when chosen. */
export function Tracklist({ text, tracks, currentIndex, playing, onChoose }: Props) {
  const t = translator(text);
  return (
    <div>
      <h2 className="text-xs font-semibold uppercase tracking-wide text-muted">{t("tracklist")}</h2>
      <ol className="mt-2 divide-y divide-line border-y border-line" data-testid="tracklist">
        {tracks.map((track, i) => {
          const current = i === currentIndex;
          const note =
            track.playback === "clip"
              ? t("preview", {
                  seconds: Math.round(Math.min(track.clipSeconds, track.durationSeconds ?? track.clipSeconds)),
                })
              : track.playback === "off"
                ? t("notStreamed")
                : track.playback === "unavailable"
                  ? t("unavailable")
                  : track.playback === "locked"
                    ? t("onReleaseDay")
                    : null;
          const content = (
            <>
              <span className="flex w-6 shrink-0 justify-end text-sm tabular-nums text-muted">
                {current && playing ? <EqualizerIcon playing /> : track.position}
              </span>
              <span className="min-w-0 flex-1">
                <span className={`block truncate ${current ? "font-semibold" : ""}`}>{track.title}</span>
                {note && <span className="block text-xs text-muted">{note}</span>}
              </span>
              <span className="shrink-0 text-sm tabular-nums text-muted">{formatTime(track.durationSeconds)}</span>
            </>
          );
          return (
            <li key={track.id} aria-current={current ? "true" : undefined} data-testid="track-row">
              {isPlayable(track) ? (
                // The row's visible text is its name (WCAG 2.5.3), what it does comes after.
                <button
                  type="button"
                  onClick={() => onChoose(i)}
                  className={`flex w-full items-center gap-4 px-2 py-3 text-left hover:bg-stone-50 ${current ? "bg-stone-50" : ""}`}
                >
                  {content}
                  <span className="sr-only">, {current && playing ? t("pause") : t("play")}</span>
                </button>
              ) : (
                <div className="flex items-center gap-4 px-2 py-3 text-muted">{content}</div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
