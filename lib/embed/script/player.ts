import { listenCounter, playableSeconds } from "@/lib/plays/classify";
import { reloadAfterError, watchStalls, type ReloadMemory } from "@/lib/plays/reload";

/** A track as the widget page passes it (lib/embed/render/player.ts); `src` only when it streams. */
export type WidgetTrack = {
  id: string;
  title: string;
  src: string | null;
  clip: number | null;
  duration: number | null;
};
/** Labels with a "{title}" placeholder, in the widget's language. */
export type WidgetLabels = { play: string; pause: string; position: string; nowPlaying: string };
/** The page's <script type="application/json" id="mt-data">; players fill both, other widgets neither. */
export type WidgetData = { tracks?: WidgetTrack[]; labels?: Partial<WidgetLabels> };

const PLAY_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 4l13 8-13 8z"/></svg>';
const PAUSE_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 5h4v14H6zM14 5h4v14h-4z"/></svg>';

/** Arrow keys on the slider move 5 s, Page Up/Down 30 s, as on the release page (not 1 % of the track). */
const SEEK_KEYS: Record<string, number> = {
  ArrowLeft: -5,
  ArrowDown: -5,
  ArrowRight: 5,
  ArrowUp: 5,
  PageDown: -30,
  PageUp: 30,
};
/** "Previous" restarts the track after this many seconds, as every player does. */
const RESTART_AFTER = 3;

const label = (text: string | undefined, title: string) => String(text || "").replace("{title}", title);

/** 75 → "1:15". */
function clock(seconds: number) {
  const whole = Math.max(0, Math.floor(seconds || 0));
  return Math.floor(whole / 60) + ":" + ("0" + (whole % 60)).slice(-2);
}

function sendPlay(report: { trackId: string; seconds: number; listenId: string }, host: string) {
  const body = JSON.stringify({
    trackId: report.trackId,
    seconds: report.seconds,
    source: "embed",
    host: host || undefined,
    listenId: report.listenId,
  });
  // sendBeacon survives the page going away; the fallback sends no cookie (widgets never use one).
  if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon("/api/plays", body)) return;
  fetch("/api/plays", { method: "POST", body, keepalive: true, credentials: "omit" }).catch(() => {
    // A lost play report costs the band one count; the listener must never see an error for it.
  });
}

/**
 * The release and track widgets' player: one <audio preload="none">, the play button with the
 * position slider, the track rows, and the listen counting of lib/plays/classify reported with
 * the embedding site's `host`.
 */
export function startPlayer(data: WidgetData, host: string) {
  const tracks = data.tracks || [];
  const labels = data.labels || {};
  const audio = document.querySelector<HTMLAudioElement>("audio[data-audio]");
  const toggle = document.querySelector<HTMLElement>("[data-play]");
  if (!audio || !toggle || !tracks.length) return;
  const seek = document.querySelector<HTMLInputElement>("[data-seek]");
  const time = document.querySelector("[data-time]");
  const now = document.querySelector("[data-now]");
  const announce = document.querySelector("[data-announce]");
  const rows = document.querySelectorAll("[data-track]");
  const previous = document.querySelector<HTMLButtonElement>("[data-previous]");
  const following = document.querySelector<HTMLButtonElement>("[data-next]");
  const counter = listenCounter((report) => sendPlay(report, host));
  let current = tracks.findIndex((track) => track.src);
  if (current < 0) return;

  /** What the slider spans: the clip, or the track (the page's duration, else the media's). */
  const span = (track: WidgetTrack) => {
    const duration = track.duration || audio.duration || 0;
    return track.clip ? Math.min(track.clip, duration || track.clip) : duration;
  };
  const load = (index: number) => {
    audio.src = tracks[index].src || "";
  };
  const play = (index: number) => {
    audio.play().catch(() => {
      // Refused (no user gesture yet) or interrupted by the next track: the button shows it.
    });
    if (announce) announce.textContent = label(labels.nowPlaying, tracks[index].title);
  };

  /** The nearest track that streams in `step`'s direction, or -1. */
  const neighbour = (step: number) => {
    for (let index = current + step; index >= 0 && index < tracks.length; index += step)
      if (tracks[index].src) return index;
    return -1;
  };

  const paint = () => {
    const track = tracks[current];
    const playing = !audio.paused;
    toggle.setAttribute("aria-label", label(playing ? labels.pause : labels.play, track.title));
    toggle.innerHTML = playing ? PAUSE_ICON : PLAY_ICON;
    if (now) now.textContent = track.title;
    if (seek) {
      seek.max = String(Math.round(span(track)) || 1);
      seek.setAttribute("aria-label", label(labels.position, track.title));
    }
    rows.forEach((row) => row.setAttribute("aria-current", String(Number(row.getAttribute("data-track")) === current)));
  };

  const tick = () => {
    const at = audio.currentTime;
    const text = clock(at) + " / " + clock(span(tracks[current]));
    if (seek && document.activeElement !== seek) seek.value = String(at);
    if (time) time.textContent = text;
    if (seek) seek.setAttribute("aria-valuetext", text);
    if (previous) previous.disabled = neighbour(-1) < 0 && at <= RESTART_AFTER;
    if (following) following.disabled = neighbour(1) < 0;
  };

  const select = (index: number, autoplay: boolean) => {
    if (index !== current) {
      counter.flush();
      current = index;
      load(index);
      if (seek) seek.value = "0";
    } else if (!audio.getAttribute("src")) {
      // The first row is selected before anything loads (preload="none"): its click must load it.
      load(index);
    }
    paint();
    tick();
    if (autoplay) play(index);
  };

  /** The track (or its clip) is over: on to the next one that streams, or stop. */
  const next = () => {
    const index = neighbour(1);
    if (index >= 0) return select(index, true);
    counter.flush();
    audio.pause();
    paint();
  };

  const seekTo = (seconds: number) => {
    if (!audio.getAttribute("src")) load(current);
    counter.seeking();
    audio.currentTime = seconds;
    if (seek) seek.value = String(seconds);
    tick();
  };

  paint();
  tick();
  toggle.addEventListener("click", () => {
    if (!audio.getAttribute("src")) load(current);
    if (audio.paused) play(current);
    else audio.pause();
  });
  rows.forEach((row) =>
    row.addEventListener("click", () => {
      const index = Number(row.getAttribute("data-track"));
      if (index === current && !audio.paused) audio.pause();
      else select(index, true);
    }),
  );
  if (previous)
    previous.addEventListener("click", () => {
      const index = neighbour(-1);
      if (audio.currentTime > RESTART_AFTER || index < 0) seekTo(0);
      else select(index, !audio.paused);
    });
  if (following)
    following.addEventListener("click", () => {
      const index = neighbour(1);
      if (index >= 0) select(index, !audio.paused);
    });
  if (seek) {
    seek.addEventListener("input", () => seekTo(Number(seek.value)));
    seek.addEventListener("keydown", (event) => {
      const step = SEEK_KEYS[event.key];
      if (!step) return;
      event.preventDefault();
      seekTo(Math.min(span(tracks[current]), Math.max(0, audio.currentTime + step)));
    });
  }
  audio.addEventListener("play", () => {
    const track = tracks[current];
    counter.started(
      track.id,
      audio.currentTime,
      playableSeconds(track.duration, { isClip: track.clip !== null, clipSeconds: track.clip || 0 }),
    );
    paint();
  });
  audio.addEventListener("pause", () => {
    counter.paused(audio.currentTime);
    paint();
  });
  audio.addEventListener("seeking", counter.seeking);
  audio.addEventListener("seeked", () => counter.seeked(audio.currentTime, !audio.paused));
  audio.addEventListener("timeupdate", () => {
    const track = tracks[current];
    counter.progressed(audio.currentTime);
    if (track.clip && audio.currentTime >= track.clip) {
      audio.pause();
      counter.flush();
      return next();
    }
    tick();
  });
  audio.addEventListener("loadedmetadata", () => {
    paint();
    tick();
  });
  // An expired signed address (object storage) after a long pause, or a stuck connection: ask the
  // app again for the same track, from the same place, once per track per minute.
  let reloaded: ReloadMemory = null;
  const reloadAfterFailure = (errorCode?: number) => {
    const reload = audio.getAttribute("src") && reloadAfterError(reloaded, tracks[current].id, errorCode, Date.now());
    if (!reload) return false;
    reloaded = reload;
    const at = audio.currentTime;
    const wasPlaying = !audio.paused;
    load(current);
    audio.addEventListener(
      "loadedmetadata",
      () => {
        if (at > 0) audio.currentTime = at;
        if (wasPlaying) play(current);
      },
      { once: true },
    );
    return true;
  };
  audio.addEventListener("error", () => {
    if (!reloadAfterFailure(audio.error?.code)) paint();
  });
  watchStalls(audio, () => reloadAfterFailure());
  audio.addEventListener("ended", next);
  window.addEventListener("pagehide", counter.flush);
}
