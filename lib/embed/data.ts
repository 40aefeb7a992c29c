import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { onShop } from "@/db/queries/releases";
import { artists, products as productsTable, releases, tracks, type Artist } from "@/db/schema";
import {
  getPublishedRelease,
  isPreorder,
  releaseArtworkUrl,
  type PublicRelease,
  type PublicTrack,
  type ReleaseDay,
} from "@/lib/catalog";
import { getPublishedProduct, listPublishedProducts, type PublicProduct } from "@/lib/merch";
import { shopAvailable } from "@/lib/moderation";
import { hasPrice, isFreeToTake, priceRule, type PriceRule } from "@/lib/money";
import { canTakePayments } from "@/lib/orders";

/**
 * What a buy button sells. `free` items go to the release page (the fan leaves an email there);
 * `blocked` means the band cannot take payments yet; `sold_out` is shown, not linked.
 */
export type EmbedOffer = {
  kind: "release" | "track" | "product";
  id: string;
  title: string;
  subtitle: string | null;
  rule: PriceRule;
  currency: string;
  state: "buy" | "free" | "sold_out" | "blocked";
  options: { id: string; label: string; soldOut: boolean }[];
  /** The item's page on the shop: the release page, or the shop for merch. */
  pagePath: string;
  artworkKey: string | null;
  photo: string | null;
  /** A release not out yet (or one of its tracks): the shop widget marks it "Pre-order". */
  preorder?: boolean;
};

export type ReleaseWidget = {
  artist: Artist;
  release: PublicRelease["release"];
  tracks: PublicTrack[];
  offer: EmbedOffer;
};
export type TrackWidget = { artist: Artist; release: PublicRelease["release"]; track: PublicTrack; offer: EmbedOffer };
export type ShopWidget = { artist: Artist; offers: EmbedOffer[] };

/** Ids in widget URLs are our UUIDs; anything else is refused before it reaches a query. */
export const isWidgetId = (id: string) => /^[0-9a-f-]{8,64}$/i.test(id);

type PricedRow = {
  id: string;
  slug: string;
  title: string;
  kind: string;
  artworkKey: string | null;
  currency: string;
  pricingMode: "fixed" | "pay_what_you_want" | "free";
  priceAmount: number | null;
  priceMinimum: number;
} & Partial<ReleaseDay>;

function releaseOffer(artist: Artist, row: PricedRow): EmbedOffer {
  const rule = priceRule(row);
  const free = isFreeToTake(rule);
  return {
    kind: "release",
    id: row.id,
    title: row.title,
    subtitle: row.kind,
    rule,
    currency: row.currency,
    // Never priced (only data from before prices were required to publish): not sold for nothing.
    state: !hasPrice(row) ? "blocked" : free ? "free" : canTakePayments(artist) ? "buy" : "blocked",
    options: [],
    pagePath: `/${artist.slug}/${row.slug}`,
    artworkKey: row.artworkKey,
    photo: null,
    preorder:
      row.status !== undefined &&
      isPreorder({ status: row.status, releaseAt: row.releaseAt ?? null, releasedAt: row.releasedAt ?? null }),
  };
}

function productOffer(artist: Artist, product: PublicProduct): EmbedOffer {
  return {
    kind: "product",
    id: product.id,
    title: product.title,
    subtitle: product.kind,
    rule: { mode: "fixed", amount: product.priceAmount },
    currency: product.currency,
    state: product.soldOut ? "sold_out" : canTakePayments(artist) ? "buy" : "blocked",
    options: product.options.map((o) => ({ id: o.id, label: o.label, soldOut: o.soldOut })),
    pagePath: `/${artist.slug}`,
    artworkKey: null,
    photo: product.photos[0]?.small ?? null,
  };
}

async function publishedById(db: DbOrTx, releaseId: string): Promise<PublicRelease | null> {
  const [row] = await db
    .select({ artistSlug: artists.slug, releaseSlug: releases.slug })
    .from(releases)
    .innerJoin(artists, eq(artists.id, releases.artistId))
    .where(and(eq(releases.id, releaseId), eq(releases.status, "published")))
    .limit(1);
  return row ? getPublishedRelease(db, row.artistSlug, row.releaseSlug) : null;
}

export async function loadReleaseWidget(db: DbOrTx, releaseId: string): Promise<ReleaseWidget | null> {
  if (!isWidgetId(releaseId)) return null;
  const data = await publishedById(db, releaseId);
  if (!data) return null;
  return {
    artist: data.artist,
    release: data.release,
    tracks: data.tracks,
    offer: releaseOffer(data.artist, data.release),
  };
}

/** A track sold on its own is bought as a track; otherwise its button buys the release. */
export async function loadTrackWidget(db: DbOrTx, trackId: string): Promise<TrackWidget | null> {
  if (!isWidgetId(trackId)) return null;
  const [row] = await db
    .select({
      releaseId: tracks.releaseId,
      pricingMode: tracks.pricingMode,
      priceAmount: tracks.priceAmount,
      priceMinimum: tracks.priceMinimum,
    })
    .from(tracks)
    .where(eq(tracks.id, trackId))
    .limit(1);
  const data = row ? await publishedById(db, row.releaseId) : null;
  const track = data?.tracks.find((t) => t.id === trackId);
  if (!data || !track) return null;
  const offer = row.pricingMode
    ? trackOffer(data.artist, data.release, {
        id: track.id,
        title: track.title,
        pricingMode: row.pricingMode,
        priceAmount: row.priceAmount,
        priceMinimum: row.priceMinimum,
      })
    : releaseOffer(data.artist, data.release);
  return { artist: data.artist, release: data.release, track, offer };
}

function trackOffer(
  artist: Artist,
  release: PublicRelease["release"],
  track: {
    id: string;
    title: string;
    pricingMode: PricedRow["pricingMode"];
    priceAmount: number | null;
    priceMinimum: number;
  },
): EmbedOffer {
  const base = releaseOffer(artist, {
    ...release,
    pricingMode: track.pricingMode,
    priceAmount: track.priceAmount,
    priceMinimum: track.priceMinimum,
  });
  return { ...base, kind: "track", id: track.id, title: track.title, subtitle: release.title };
}

/** `/embed/buy/<id>`: the id may be a release, a track or a product; the first published match wins. */
export async function loadBuyWidget(db: DbOrTx, id: string): Promise<{ artist: Artist; offer: EmbedOffer } | null> {
  if (!isWidgetId(id)) return null;
  const release = await loadReleaseWidget(db, id);
  if (release) return { artist: release.artist, offer: release.offer };
  const track = await loadTrackWidget(db, id);
  if (track) return { artist: track.artist, offer: track.offer };
  const [owner] = await db
    .select({ artistId: productsTable.artistId })
    .from(productsTable)
    .where(eq(productsTable.id, id))
    .limit(1);
  if (!owner) return null;
  const [artist] = await db.select().from(artists).where(eq(artists.id, owner.artistId)).limit(1);
  const product = artist && shopAvailable(artist) ? await getPublishedProduct(db, artist.id, id) : null;
  return artist && product ? { artist, offer: productOffer(artist, product) } : null;
}

/** The band's published releases (newest first), their singly sold tracks after them, then merch. */
export async function loadShopWidget(db: DbOrTx, artistSlug: string): Promise<ShopWidget | null> {
  if (!/^[a-z0-9-]{1,80}$/i.test(artistSlug)) return null;
  const [artist] = await db.select().from(artists).where(eq(artists.slug, artistSlug.toLowerCase())).limit(1);
  if (!artist || !shopAvailable(artist)) return null;
  const [releaseRows, trackRows, products] = await Promise.all([
    db
      .select()
      .from(releases)
      // Like the shop page: unlisted releases keep their own widgets but leave the catalogue.
      .where(onShop(artist.id))
      .orderBy(
        sql`coalesce(${releases.releaseDate}, ${releases.publishedAt}::date) desc nulls last`,
        desc(releases.createdAt),
      ),
    db
      .select({ track: tracks, release: releases })
      .from(tracks)
      .innerJoin(releases, eq(releases.id, tracks.releaseId))
      .where(and(onShop(artist.id), isNotNull(tracks.pricingMode)))
      .orderBy(asc(releases.title), asc(tracks.position)),
    listPublishedProducts(db, artist.id),
  ]);
  const offers = [
    ...releaseRows.map((r) => releaseOffer(artist, r)),
    ...trackRows.map(({ track, release }) =>
      trackOffer(artist, release, {
        id: track.id,
        title: track.title,
        pricingMode: track.pricingMode!,
        priceAmount: track.priceAmount,
        priceMinimum: track.priceMinimum,
      }),
    ),
    ...products.map((p) => productOffer(artist, p)),
  ];
  return { artist, offers };
}

export const offerImage = (offer: EmbedOffer, size: "small" | "medium") =>
  offer.photo ?? releaseArtworkUrl(offer.artworkKey, size);
