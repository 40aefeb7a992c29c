import type { Artist } from "@/db/schema";
import { releaseArtworkUrl, type PublicTrack } from "@/lib/catalog";
import type { EmbedOffer } from "@/lib/embed/data";
import { html, type Raw } from "@/lib/embed/html";
import type { EmbedOptions } from "@/lib/embed/options";
import type { WidgetData } from "@/lib/embed/script/player";
import { followLink } from "./follow";
import { buyControl, type T } from "./offer";

const PLAY_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 4l13 8-13 8z"/></svg>`;
const PREVIOUS_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 5h2v14H6zM20 5v14L9 12z"/></svg>`;
const HEART_ICON = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M12 21s-7.5-4.6-9.5-9.2C1.1 8.6 3 5 6.5 5c2 0 3.4 1.1 4.2 2.3h2.6C14.1 6.1 15.5 5 17.5 5 21 5 22.9 8.6 21.5 11.8 19.5 16.4 12 21 12 21z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/></svg>`;
const NEXT_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16 5h2v14h-2zM4 5v14l11-7z"/></svg>`;

const time = (ms: number | null) => {
  if (ms === null) return "";
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

const playable = (track: PublicTrack) => track.playback === "full" || track.playback === "clip";

/**
 * What the script needs per track: only playable ones get a stream URL. From the clip and the
 * duration it works out, like the server, when a listen counts (lib/plays/classify).
 */
export function playerData(tracks: PublicTrack[], t: T): WidgetData {
  return {
    tracks: tracks.map((track) => ({
      id: track.id,
      title: track.title,
      src: playable(track) ? `/api/stream/${track.id}` : null,
      clip: track.playback === "clip" ? track.clipSeconds : null,
      duration: track.durationMs === null ? null : track.durationMs / 1000,
    })),
    labels: {
      play: t("play", { title: "{title}" }),
      pause: t("pause", { title: "{title}" }),
      position: t("position", { title: "{title}" }),
      nowPlaying: t("nowPlaying", { title: "{title}" }),
    },
  };
}

type PlayerInput = {
  artist: Artist;
  title: string;
  artworkKey: string | null;
  tracks: PublicTrack[];
  offer: EmbedOffer;
  options: EmbedOptions;
  t: T;
  /** A pre-order's "Pre-order · Out on …", under the title. */
  note?: string;
  /** Release widgets may list their tracks; a track widget never does. */
  list: boolean;
  /** The release's heart: its wishlist page, opened in a new tab (the widget itself reads no cookie). */
  wishlist?: { href: string; label: string };
};

/** A row's accessible name is its visible text (number, title, duration): what a listener sees is what they can say. */
function trackRow(track: PublicTrack, index: number, t: T): Raw {
  const label = html`<span class="n">${track.position}</span><span class="one">${track.title}</span>${track.playback === "clip" ? html`<span class="x">${t("preview", { seconds: track.clipSeconds })}</span>` : ""}<span class="d">${time(track.durationMs)}</span>`;
  if (playable(track))
    return html`<li><button type="button" data-track="${index}" data-testid="embed-track">${label}</button></li>`;
  if (track.playback === "locked")
    return html`<li><span class="off" data-testid="embed-track">${label}<span class="x">${t("releaseDay.onReleaseDay")}</span></span></li>`;
  return html`<li><span class="off" data-testid="embed-track">${label}<span class="sr">${t("notStreamed")}</span></span></li>`;
}

/** Release and track widgets: artwork, titles, play button with position, buy button, track list. */
export function playerBody(input: PlayerInput): Raw {
  const { artist, tracks, options, t, offer } = input;
  const first = tracks.find(playable);
  const artSize = options.layout === "slim" || options.artwork === "small" ? "s" : "l";
  const art =
    options.artwork === "none" ? null : releaseArtworkUrl(input.artworkKey, artSize === "l" ? "medium" : "small");
  const artwork = art
    ? html`<img class="art ${artSize}" src="${art}" alt="" width="${artSize === "l" ? 160 : 72}" height="${artSize === "l" ? 160 : 72}">`
    : "";
  // Previous and next only where there is somewhere to go.
  const skip = (kind: "previous" | "next", icon: Raw) =>
    tracks.filter(playable).length > 1
      ? html`<button type="button" class="sk" data-${kind} data-testid="embed-${kind}" aria-label="${t(kind)}">${icon}</button>`
      : "";
  const controls = first
    ? html`<div class="ctl">${skip("previous", PREVIOUS_ICON)}<button type="button" class="pp" data-play data-testid="embed-play" aria-label="${t("play", { title: first.title })}">${PLAY_ICON}</button>${skip("next", NEXT_ICON)}<div class="np"><span class="one" data-now data-testid="embed-now">${first.title}</span><div class="row"><input type="range" min="0" max="${Math.max(1, Math.round(first.playback === "clip" ? Math.min(first.clipSeconds, (first.durationMs ?? Infinity) / 1000) : (first.durationMs ?? 0) / 1000))}" step="any" value="0" data-seek aria-label="${t("position", { title: first.title })}"><span class="tm" data-time>0:00</span></div></div></div>`
    : "";
  const list = input.list && options.layout !== "slim" && tracks.length > 0;
  return html`<div class="w pl ${options.layout}${options.layout === "large" && artSize === "l" && art ? " tall" : ""}" id="w" data-testid="embed-widget"><div class="hd">${artwork}<div class="meta"><p class="by"${input.note ? html` title="${input.note}"` : ""}>${artist.name} · ${followLink(artist, options, t)}${input.note ? html` · <span data-testid="embed-preorder">${input.note}</span>` : ""}</p><h1 class="t">${input.title}</h1>${controls}${actions(buyControl(artist.slug, offer, options, t, "price"), heart(input))}</div></div>${
    list
      ? html`<div class="fill"><ol class="tl" aria-label="${t("tracks")}">${tracks.map((track, i) => trackRow(track, i, t))}</ol></div>`
      : ""
  }<audio preload="none" data-audio data-testid="embed-audio"></audio><p class="sr" aria-live="polite" data-announce></p></div>`;
}

/** Not in the slim layout, whose one row holds the play and buy buttons only. */
/** The buy button with the wishlist heart beside it, on the buy button's own line (lib/embed/sizes.ts counts one). */
function actions(buy: Raw | string, wish: Raw | string): Raw | string {
  return wish ? html`<div class="acts">${buy}${wish}</div>` : buy;
}

function heart({ wishlist, options }: PlayerInput): Raw | string {
  if (!wishlist || options.layout === "slim") return "";
  return html`<a class="buy ghost" href="${wishlist.href}" target="_blank" rel="noopener" aria-label="${wishlist.label}" title="${wishlist.label}" data-testid="embed-wishlist">${HEART_ICON}</a>`;
}
