import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, products, releases, tracks } from "@/db/schema";
import type { CacheRoute } from "./key";

/**
 * The tags of one copy, read when it is stored (one small query): the triggers of migration 0017
 * send the same names when a row the page shows changes. A page that does not exist yet carries
 * the tag of what would create it (a new band: `artists`; a new release: the band's `shop:`).
 */
export async function tagsFor(db: DbOrTx, route: CacheRoute, appUrl: string): Promise<string[]> {
  switch (route.kind) {
    case "home":
      return ["home"];
    case "shop":
      return bandTags(db, route.artist, null);
    case "release":
      return bandTags(db, route.artist, route.release);
    case "oembed":
      return oembedTags(db, route.url, appUrl);
    case "widget":
      return widgetTags(db, route.widget, route.id);
  }
}

async function bandTags(db: DbOrTx, artistSlug: string, releaseSlug: string | null): Promise<string[]> {
  const [row] = await db
    .select({ artistId: artists.id, releaseId: releases.id })
    .from(artists)
    .leftJoin(releases, and(eq(releases.artistId, artists.id), eq(releases.slug, releaseSlug ?? "")))
    .where(eq(artists.slug, artistSlug))
    .limit(1);
  if (!row) return ["artists"];
  const band = [`artist:${row.artistId}`, `shop:${row.artistId}`];
  if (releaseSlug === null) return band;
  return row.releaseId ? [`artist:${row.artistId}`, `release:${row.releaseId}`] : band;
}

async function oembedTags(db: DbOrTx, url: string | null, appUrl: string): Promise<string[]> {
  let parsed: URL;
  try {
    parsed = new URL(url ?? "");
  } catch {
    return [];
  }
  if (parsed.host !== new URL(appUrl).host) return [];
  const parts = parsed.pathname.split("/").filter(Boolean);
  if (parts.length < 1 || parts.length > 2) return [];
  return bandTags(db, decodeURIComponent(parts[0]).toLowerCase(), parts[1] ? decodeURIComponent(parts[1]) : null);
}

async function widgetTags(db: DbOrTx, widget: string, id: string): Promise<string[]> {
  if (widget === "shop") {
    const tags = await bandTags(db, id.toLowerCase(), null);
    return tags[0] === "artists" ? tags : [...tags, tags[0].replace("artist:", "tracks:")];
  }
  const release = (releaseId: string, artistId: string) => [`artist:${artistId}`, `release:${releaseId}`];
  if (widget === "release" || widget === "buy") {
    const [row] = await db
      .select({ id: releases.id, artistId: releases.artistId })
      .from(releases)
      .where(eq(releases.id, id))
      .limit(1);
    if (row) return release(row.id, row.artistId);
  }
  if (widget === "track" || widget === "buy") {
    const [row] = await db
      .select({ releaseId: tracks.releaseId, artistId: tracks.artistId })
      .from(tracks)
      .where(eq(tracks.id, id))
      .limit(1);
    if (row) return release(row.releaseId, row.artistId);
  }
  if (widget === "buy") {
    const [row] = await db
      .select({ artistId: products.artistId, releaseId: products.releaseId })
      .from(products)
      .where(eq(products.id, id))
      .limit(1);
    if (row) {
      const tags = [`artist:${row.artistId}`, `product:${id}`];
      return row.releaseId ? [...tags, `release:${row.releaseId}`] : tags;
    }
  }
  // An id that never existed: ids are generated, so nothing will create it; the 404 expires.
  return [];
}
