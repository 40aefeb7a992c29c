import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, releases, tracks } from "@/db/schema";
import { imageUrl } from "@/lib/artists";
import { releaseArtworkUrl } from "@/lib/catalog";
import { releaseAvailable, shopAvailable } from "@/lib/moderation";
import { LAYOUTS, parseEmbedOptions, type EmbedKind, type EmbedLayout, type EmbedOptions } from "./options";
import { EMBED_WIDTH, embedHeight } from "./sizes";
import { iframeSnippet, widgetUrl } from "./snippets";

/**
 * oEmbed (https://oembed.com) for this app's release, track and shop URLs:
 *   /<artist>/<release>            → release player
 *   /<artist>/<release>?track=<id> → one track (there is no separate track page)
 *   /<artist>                      → the shop
 * Widget options in the page URL's query (theme, layout…) carry over to the widget.
 */
export type OembedResult =
  { ok: true; body: Record<string, string | number> } | { ok: false; status: 404 | 501; error: string };

const SEGMENT = /^[a-z0-9-]{1,80}$/;
/** A number the consumer sent, or null when absent or not a positive whole number. */
function dimension(raw: string | null): number | null {
  if (!raw || !/^\d{1,6}$/.test(raw)) return null;
  const value = Number(raw);
  return value > 0 ? value : null;
}

type Target = {
  kind: EmbedKind;
  id: string;
  title: string;
  artist: { name: string; slug: string; avatarKey: string | null };
  thumbnail: string | null;
};

async function resolve(db: DbOrTx, url: URL): Promise<Target | null> {
  const parts = url.pathname
    .split("/")
    .filter(Boolean)
    .map((p) => decodeURIComponent(p).toLowerCase());
  if (parts.length < 1 || parts.length > 2 || !parts.every((p) => SEGMENT.test(p))) return null;
  const [artist] = await db.select().from(artists).where(eq(artists.slug, parts[0])).limit(1);
  // Suspended or taken down: the same answer as for nothing at all (no title, no thumbnail).
  if (!artist || !shopAvailable(artist)) return null;
  const who = { name: artist.name, slug: artist.slug, avatarKey: artist.avatarKey };
  if (parts.length === 1)
    return {
      kind: "shop",
      id: artist.slug,
      title: artist.name,
      artist: who,
      thumbnail: imageUrl(artist.avatarKey, "512"),
    };
  const [release] = await db
    .select()
    .from(releases)
    .where(and(eq(releases.artistId, artist.id), eq(releases.slug, parts[1]), eq(releases.status, "published")))
    .limit(1);
  if (!release || !releaseAvailable(artist, release)) return null;
  const thumbnail = releaseArtworkUrl(release.artworkKey, "large");
  const trackId = url.searchParams.get("track");
  if (trackId === null) return { kind: "release", id: release.id, title: release.title, artist: who, thumbnail };
  if (!/^[0-9a-f-]{8,64}$/i.test(trackId)) return null;
  const [track] = await db
    .select()
    .from(tracks)
    .where(and(eq(tracks.id, trackId), eq(tracks.releaseId, release.id)))
    .limit(1);
  return track ? { kind: "track", id: track.id, title: track.title, artist: who, thumbnail } : null;
}

/** The largest layout whose published height fits `maxHeight` (the slimmest when none does). */
function fitLayout(
  kind: EmbedKind,
  options: EmbedOptions,
  maxHeight: number | null,
  hasArtwork: boolean,
): { layout: EmbedLayout; height: number } {
  // Without a picture the player's header is the short one, whatever artwork size was asked for.
  const height = (layout: EmbedLayout) =>
    embedHeight(kind, { ...options, layout, artwork: hasArtwork ? options.artwork : "none" });
  if (maxHeight === null || height(options.layout) <= maxHeight)
    return { layout: options.layout, height: height(options.layout) };
  const smaller = LAYOUTS.slice(LAYOUTS.indexOf(options.layout) + 1).find((layout) => height(layout) <= maxHeight);
  return smaller
    ? { layout: smaller, height: height(smaller) }
    : { layout: "slim", height: Math.min(height("slim"), maxHeight) };
}

export async function oembed(db: DbOrTx, appUrl: string, params: URLSearchParams): Promise<OembedResult> {
  const format = params.get("format");
  if (format !== null && format !== "json") return { ok: false, status: 501, error: "Only format=json is supported." };
  let url: URL;
  try {
    url = new URL(params.get("url") ?? "");
  } catch {
    return { ok: false, status: 404, error: "url must be a release, track or shop URL of this site." };
  }
  const app = new URL(appUrl);
  if (url.host !== app.host || !/^https?:$/.test(url.protocol))
    return { ok: false, status: 404, error: "This URL is not on this site." };
  const target = await resolve(db, url);
  if (!target) return { ok: false, status: 404, error: "No published release, track or shop at this URL." };

  const requested = parseEmbedOptions(url.searchParams, null);
  const { layout, height } = fitLayout(
    target.kind,
    requested,
    dimension(params.get("maxheight")),
    target.thumbnail !== null,
  );
  const width = Math.min(EMBED_WIDTH.maxPixels, dimension(params.get("maxwidth")) ?? EMBED_WIDTH.maxPixels);
  const options: Partial<EmbedOptions> = {
    theme: requested.theme,
    bg: requested.bg,
    accent: requested.accent,
    artwork: requested.artwork,
    tracklist: requested.tracklist,
    layout,
  };
  if (url.searchParams.has("lang")) options.lang = requested.lang;
  const src = widgetUrl(appUrl, target.kind, target.id, options);
  const title = target.kind === "shop" ? target.title : `${target.title} — ${target.artist.name}`;
  const body: Record<string, string | number> = {
    type: "rich",
    version: "1.0",
    provider_name: "Merchtable",
    provider_url: app.origin,
    title,
    author_name: target.artist.name,
    author_url: new URL(`/${target.artist.slug}`, app).href,
    html: iframeSnippet({ src, height, width, title }),
    width,
    height,
    cache_age: 3600,
  };
  if (target.thumbnail) {
    const size = target.kind === "shop" ? 512 : 1200;
    Object.assign(body, {
      thumbnail_url: new URL(target.thumbnail, app).href,
      thumbnail_width: size,
      thumbnail_height: size,
    });
  }
  return { ok: true, body };
}
