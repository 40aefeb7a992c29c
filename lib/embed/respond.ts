import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import type { Release } from "@/db/schema";
import { isPreorder } from "@/lib/catalog";
import { isNextDev } from "@/lib/env";
import { baselineHeaders, contentSecurityPolicy } from "@/lib/http";
import { SHARED_RENDER_HEADER } from "@/lib/http/shared-render";
import { translator } from "@/lib/i18n";
import { shopLook } from "@/lib/plans";
import { momentText } from "@/lib/time-zone";
import { loadBuyWidget, loadReleaseWidget, loadShopWidget, loadTrackWidget } from "./data";
import type { Raw } from "./html";
import { parseEmbedOptions, type EmbedKind, type EmbedOptions } from "./options";
import { buyBody } from "./render/buy";
import type { T } from "./render/offer";
import { playerBody, playerData } from "./render/player";
import { widgetDocument } from "./render/shell";
import { shopBody } from "./render/shop";
import { unavailableBody } from "./render/unavailable";
import { themeCss } from "./theme";

/**
 * proxy.ts puts its per-request nonce in `x-nonce` and sends its CSP on the response; Next keeps
 * the header the proxy set, so the widget must stamp that same nonce. Called without the proxy
 * (tests, or a route the proxy skips) it makes its own and sends the same policy itself. A shared
 * render (the page cache's copy, lib/http/shared-render.ts) has none: the cache sets a policy of
 * hashes on the copy, and the widget's one script comes from this origin.
 */
function nonceFor(request: Request): string | null {
  if (request.headers.get(SHARED_RENDER_HEADER) === "1") return null;
  const fromProxy = request.headers.get("x-nonce");
  return fromProxy && /^[A-Za-z0-9+/=]{16,128}$/.test(fromProxy)
    ? fromProxy
    : Buffer.from(randomUUID()).toString("base64");
}

export function widgetHeaders(nonce: string | null, found: boolean): Record<string, string> {
  return {
    ...baselineHeaders,
    "Content-Type": "text/html; charset=utf-8",
    ...(nonce === null
      ? {}
      : { "Content-Security-Policy": contentSecurityPolicy(nonce, { embed: true, dev: isNextDev() }) }),
    // Public, cookie-free HTML: short enough that a price change shows within a minute.
    "Cache-Control": found ? "public, max-age=60, stale-while-revalidate=300" : "public, max-age=30",
    Vary: "Accept-Language",
  };
}

const heartLabel = (lang: string) => translator(lang).t("collection.heart.add");
/** "Pre-order · Out on …" on the band's clock, for a release still to come. */
function preorderNote(release: Release, artist: { timeZone: string }, options: EmbedOptions, t: T) {
  if (!isPreorder(release) || !release.releaseAt) return undefined;
  return t("releaseDay.banner", { date: momentText(release.releaseAt, options.lang, artist.timeZone) });
}

type Rendered = { title: string; body: Raw; data: Record<string, unknown>; accent: string };

async function build(db: DbOrTx, kind: EmbedKind, id: string, options: EmbedOptions, t: T): Promise<Rendered | null> {
  if (kind === "release") {
    const w = await loadReleaseWidget(db, id);
    if (!w) return null;
    const body = playerBody({
      artist: w.artist,
      title: w.release.title,
      artworkKey: w.release.artworkKey,
      tracks: w.tracks,
      offer: w.offer,
      options,
      t,
      note: preorderNote(w.release, w.artist, options, t),
      list: options.tracklist,
      wishlist: { href: `/library/wishlist/${w.release.id}`, label: heartLabel(options.lang) },
    });
    return {
      title: `${w.release.title} — ${w.artist.name}`,
      body,
      data: playerData(w.tracks, t),
      accent: shopLook(w.artist).accentColor,
    };
  }
  if (kind === "track") {
    const w = await loadTrackWidget(db, id);
    if (!w) return null;
    const body = playerBody({
      artist: w.artist,
      title: w.track.title,
      artworkKey: w.release.artworkKey,
      tracks: [w.track],
      offer: w.offer,
      options,
      t,
      note: preorderNote(w.release, w.artist, options, t),
      list: false,
      wishlist: { href: `/library/wishlist/${w.release.id}`, label: heartLabel(options.lang) },
    });
    return {
      title: `${w.track.title} — ${w.artist.name}`,
      body,
      data: playerData([w.track], t),
      accent: shopLook(w.artist).accentColor,
    };
  }
  if (kind === "buy") {
    const w = await loadBuyWidget(db, id);
    if (!w) return null;
    return {
      title: `${w.offer.title} — ${w.artist.name}`,
      body: buyBody(w.artist, w.offer, options, t),
      data: {},
      accent: shopLook(w.artist).accentColor,
    };
  }
  const w = await loadShopWidget(db, id);
  if (!w) return null;
  return {
    title: t("shop", { artist: w.artist.name }),
    body: shopBody(w, options, t),
    data: {},
    accent: shopLook(w.artist).accentColor,
  };
}

/** One widget as a complete HTML response (404 with the "not available" box when unknown). */
export async function renderWidget(db: DbOrTx, request: Request, kind: EmbedKind, id: string): Promise<Response> {
  const options = parseEmbedOptions(new URL(request.url).searchParams, request.headers.get("accept-language"));
  const { t: translate } = translator(options.lang);
  // Release day's words (a pre-order's locked tracks) are shared with the release page.
  const t: T = (key, values) =>
    translate((key.startsWith("releaseDay.") ? key : `embed.widget.${key}`) as Parameters<typeof translate>[0], values);
  const nonce = nonceFor(request);
  const rendered = await build(db, kind, id, options, t);
  const document = widgetDocument({
    lang: options.lang,
    title: rendered?.title ?? t("notAvailable"),
    themeCss: themeCss(options, rendered?.accent ?? "#b4442c"),
    body: rendered?.body ?? unavailableBody(t),
    data: rendered?.data ?? {},
    nonce,
  });
  return new Response(document, { status: rendered ? 200 : 404, headers: widgetHeaders(nonce, Boolean(rendered)) });
}
