"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { reloadAfterError, watchStalls, type ReloadMemory } from "@/lib/plays/reload";
import { NextIcon, PauseIcon, PlayIcon, PreviousIcon } from "./icons";
import { positionMemory } from "./position-memory";
import { SeekBar } from "./seek-bar";
import { translator, type PlayerText } from "./text";
import { Tracklist } from "./tracklist";
import { audiblePeaks, audibleSeconds, formatTime, isPlayable, type PlayerTrack } from "./types";
import { useMediaSession } from "./use-media-session";
import { usePlayReporter, type PlaySource } from "./use-play-reporter";

type Props = PlaySource & {
  /** Keys the remembered track in sessionStorage (the release id). */
  listId: string;
  tracks: PlayerTrack[];
  artistName: string;
  releaseTitle: string;
  artworkUrl: string | null;
  /** The player's words in the visitor's language (./player-text.ts on the server). */
  text: PlayerText;
};

/** A clip's bytes stop exactly at its end; finish a moment before the decoder runs dry. */
const CLIP_END_SLACK_SECONDS = 0.15;

/** "Back" restarts the track after this much of it, as every player does. */
const RESTART_THRESHOLD_SECONDS = 3;

/**
 * The release player: one <audio preload="metadata"> fed from /api/stream/<trackId> (HTTP ranges,
 * so seeking works everywhere), the transport, the waveform and the clickable tracklist.
 */
export function ReleasePlayer({ listId, tracks, artistName, releaseTitle, artworkUrl, text, source, host }: Props) {
  const t = useMemo(() => translator(text), [text]);
  const audioRef = useRef<HTMLAudioElement>(null);
  const pendingSeek = useRef<number | null>(null);
  /** The track the <audio> element holds right now (its events may arrive after a switch renders). */
  const audioTrackId = useRef<string | null>(null);
  const lastSaved = useRef(0);
  const reloaded = useRef<ReloadMemory>(null);
  const firstPlayable = Math.max(0, tracks.findIndex(isPlayable));
  const [index, setIndex] = useState(firstPlayable);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [mediaDuration, setMediaDuration] = useState<number | null>(null);
  const [state, setState] = useState<"idle" | "loading" | "error">("idle");
  const [announcement, setAnnouncement] = useState("");
  const reporter = usePlayReporter({ source, host });

  const track = tracks[index];
  const loaded = loadedId === track?.id;
  // A clip's file is cut short, but its MP3 header still announces the whole track: trust the clip.
  const duration =
    track?.playback === "clip"
      ? audibleSeconds(track)
      : (loaded && mediaDuration) || (track ? audibleSeconds(track) : null);
  const anyPlayable = tracks.some(isPlayable);

  // Back in this tab after browsing the shop: the same track, where the listener left it.
  useEffect(() => {
    const remembered = positionMemory.currentTrack(listId);
    const at = tracks.findIndex((candidate) => candidate.id === remembered && isPlayable(candidate));
    const start = at >= 0 ? at : firstPlayable;
    setIndex(start);
    if (tracks[start]) setTime(positionMemory.position(tracks[start].id));
  }, [listId, tracks, firstPlayable]);

  const load = useCallback(
    (next: number, { autoplay, at }: { autoplay: boolean; at?: number }) => {
      const audio = audioRef.current;
      const target = tracks[next];
      if (!audio || !target || !isPlayable(target)) return;
      if (loadedId && loadedId !== target.id) positionMemory.savePosition(loadedId, audio.currentTime);
      const startAt = at ?? positionMemory.position(target.id);
      pendingSeek.current = startAt > 0 ? startAt : null;
      audioTrackId.current = target.id;
      audio.src = `/api/stream/${target.id}`;
      audio.load();
      setIndex(next);
      setLoadedId(target.id);
      setMediaDuration(null);
      setTime(startAt);
      setState("loading");
      positionMemory.saveCurrentTrack(listId, target.id);
      if (autoplay) {
        audio.play().catch((error: DOMException) => {
          // A newer load() interrupts this play() on purpose; anything else is a real failure.
          if (error.name !== "AbortError") setState("error");
        });
      }
    },
    [tracks, loadedId, listId],
  );

  /**
   * An expired signed address (object storage, after a long pause) or a stuck connection: ask the
   * app again for the same track and go on from the same place, once per track per minute.
   */
  const reloadAfterFailure = useCallback((media: HTMLAudioElement, errorCode?: number) => {
    const id = audioTrackId.current;
    const reload = id ? reloadAfterError(reloaded.current, id, errorCode, Date.now()) : false;
    if (!id || !reload) return false;
    reloaded.current = reload;
    const wasPlaying = !media.paused;
    pendingSeek.current = media.currentTime > 0 ? media.currentTime : null;
    media.src = `/api/stream/${id}`;
    media.load();
    if (wasPlaying) media.play().catch(() => setState("error"));
    return true;
  }, []);

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    return watchStalls(audio, () => {
      if (audio.getAttribute("src")) reloadAfterFailure(audio);
    });
  }, [reloadAfterFailure]);

  const neighbour = useCallback(
    (from: number, step: 1 | -1) => {
      for (let i = from + step; i >= 0 && i < tracks.length; i += step) if (isPlayable(tracks[i])) return i;
      return null;
    },
    [tracks],
  );

  const toggle = useCallback(() => {
    const audio = audioRef.current;
    if (!audio || !track || !isPlayable(track)) return;
    if (!loaded) return load(index, { autoplay: true });
    if (audio.paused) {
      audio.play().catch(() => setState("error"));
    } else {
      audio.pause();
    }
  }, [track, loaded, load, index]);

  const seek = useCallback(
    (seconds: number) => {
      const audio = audioRef.current;
      if (!audio || !track) return;
      if (!loaded) return load(index, { autoplay: false, at: seconds });
      audio.currentTime = seconds;
      setTime(seconds);
      positionMemory.savePosition(track.id, seconds);
    },
    [track, loaded, load, index],
  );

  const skip = useCallback(
    (step: 1 | -1) => {
      const audio = audioRef.current;
      if (step === -1 && audio && loaded && audio.currentTime > RESTART_THRESHOLD_SECONDS) return seek(0);
      const next = neighbour(index, step);
      if (next !== null) load(next, { autoplay: playing, at: 0 });
    },
    [loaded, seek, neighbour, index, load, playing],
  );

  const choose = useCallback(
    (next: number) => {
      if (next === index && loaded) return toggle();
      load(next, { autoplay: true });
    },
    [index, loaded, toggle, load],
  );

  /** The track is over (or its clip is): report it and go on to the next playable one. */
  const finish = useCallback(() => {
    reporter.flush();
    if (audioTrackId.current) positionMemory.savePosition(audioTrackId.current, 0);
    const next = neighbour(index, 1);
    if (next !== null) return load(next, { autoplay: true, at: 0 });
    audioRef.current?.pause();
    setTime(0);
    if (audioRef.current) audioRef.current.currentTime = 0;
  }, [reporter, neighbour, index, load]);

  useMediaSession({
    track,
    artistName,
    releaseTitle,
    artworkUrl,
    playing,
    time,
    duration,
    onToggle: toggle,
    onSkip: skip,
    onSeek: seek,
  });

  const hasPrevious = neighbour(index, -1) !== null || (loaded && time > RESTART_THRESHOLD_SECONDS);
  const hasNext = neighbour(index, 1) !== null;
  const title = track?.title ?? "";

  return (
    <section aria-label={t("label")} data-testid="player" className="space-y-6">
      <audio
        ref={audioRef}
        preload="metadata"
        data-testid="player-audio"
        onLoadedMetadata={(event) => {
          const media = event.currentTarget;
          if (Number.isFinite(media.duration)) setMediaDuration(media.duration);
          if (pendingSeek.current !== null && pendingSeek.current < media.duration - 1)
            media.currentTime = pendingSeek.current;
          pendingSeek.current = null;
          setState("idle");
        }}
        onDurationChange={(event) => {
          if (Number.isFinite(event.currentTarget.duration)) setMediaDuration(event.currentTarget.duration);
        }}
        onPlaying={(event) => {
          setPlaying(true);
          setState("idle");
          const playingTrack = tracks.find((candidate) => candidate.id === audioTrackId.current);
          if (playingTrack)
            reporter.started(playingTrack.id, event.currentTarget.currentTime, audibleSeconds(playingTrack));
          setAnnouncement(t("nowPlaying", { title }));
        }}
        onWaiting={() => setState("loading")}
        onPause={(event) => {
          const media = event.currentTarget;
          setPlaying(false);
          reporter.paused(media.currentTime);
          if (audioTrackId.current && !media.ended)
            positionMemory.savePosition(audioTrackId.current, media.currentTime);
          if (!media.ended) setAnnouncement(t("pausedTrack", { title }));
        }}
        onTimeUpdate={(event) => {
          const media = event.currentTarget;
          setTime(media.currentTime);
          if (!media.paused && !media.seeking) reporter.progressed(media.currentTime);
          if (
            track?.playback === "clip" &&
            audioTrackId.current === track.id &&
            duration !== null &&
            media.currentTime >= duration - CLIP_END_SLACK_SECONDS &&
            !media.paused
          )
            return finish();
          if (audioTrackId.current && Math.abs(media.currentTime - lastSaved.current) >= 1) {
            lastSaved.current = media.currentTime;
            positionMemory.savePosition(audioTrackId.current, media.currentTime);
          }
        }}
        onSeeking={() => reporter.seeking()}
        onSeeked={(event) => reporter.seeked(event.currentTarget.currentTime, !event.currentTarget.paused)}
        onEnded={finish}
        onError={(event) => {
          const media = event.currentTarget;
          const error = media.error;
          if (!media.getAttribute("src") || error?.code === MediaError.MEDIA_ERR_ABORTED) return;
          if (reloadAfterFailure(media, error?.code)) return;
          setPlaying(false);
          setState("error");
        }}
      />

      <div className="rounded-lg border border-line bg-surface p-4 sm:p-5">
        <div className="flex items-center gap-4">
          <button
            type="button"
            onClick={toggle}
            disabled={!anyPlayable || !track || !isPlayable(track)}
            aria-label={playing ? t("pauseTrack", { title }) : t("playTrack", { title })}
            data-testid="play-toggle"
            className="flex h-14 w-14 shrink-0 items-center justify-center rounded-full bg-accent text-on-accent shadow-sm transition hover:brightness-110 disabled:cursor-not-allowed disabled:opacity-40"
          >
            {playing ? <PauseIcon className="h-6 w-6" /> : <PlayIcon className="ml-0.5 h-6 w-6" />}
          </button>
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium" data-testid="now-playing">
              {anyPlayable ? title : t("nothingPlayable")}
            </p>
            <p className="mt-0.5 truncate text-sm text-muted">
              {track?.playback === "clip"
                ? t("preview", { seconds: Math.round(audibleSeconds(track) ?? track.clipSeconds) })
                : t("trackNumber", { position: track?.position ?? 1 })}
              {state === "loading" && playing && <span> · {t("loading")}</span>}
            </p>
          </div>
          <div className="flex shrink-0 items-center gap-1">
            <button
              type="button"
              onClick={() => skip(-1)}
              disabled={!hasPrevious}
              aria-label={t("previous")}
              className="rounded-full p-2.5 text-ink hover:bg-stone-100 disabled:opacity-30"
            >
              <PreviousIcon />
            </button>
            <button
              type="button"
              onClick={() => skip(1)}
              disabled={!hasNext}
              aria-label={t("next")}
              className="rounded-full p-2.5 text-ink hover:bg-stone-100 disabled:opacity-30"
            >
              <NextIcon />
            </button>
          </div>
        </div>

        <div className="mt-4">
          <SeekBar
            peaks={track ? audiblePeaks(track) : null}
            current={time}
            duration={duration}
            label={t("seek", { title })}
            valueText={(seconds) => t("valueText", { current: formatTime(seconds), total: formatTime(duration) })}
            onSeek={seek}
            disabled={!track || !isPlayable(track)}
          />
          <div className="mt-1.5 flex justify-between text-xs tabular-nums text-muted" aria-hidden>
            <span data-testid="player-time">{formatTime(time)}</span>
            <span data-testid="player-duration">{formatTime(duration)}</span>
          </div>
        </div>
        {state === "error" && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {t("error")}
          </p>
        )}
      </div>

      <Tracklist text={text} tracks={tracks} currentIndex={index} playing={playing && loaded} onChoose={choose} />

      <p aria-live="polite" className="sr-only" data-testid="player-announcement">
        {announcement}
      </p>
    </section>
  );
}
