import type { Artist } from "@/db/schema";
import { isPreorder, type PublicRelease, type ReleaseSummary } from "@/lib/catalog";
import { localePath, type Locale } from "@/lib/i18n";
import { moneyInputValue, type PriceRule } from "@/lib/money";
import type { ReleaseOffers } from "@/lib/orders";
import { shareImageUrl } from "./share-image";

/**
 * schema.org descriptions of a release (MusicAlbum) and a shop (MusicGroup) for search engines,
 * built from what the pages already load. Pure: URLs are made absolute against `origin` and the
 * page's language, and `now` decides what is still a pre-order.
 */

type Json = Record<string, unknown>;
const SCHEMA = "https://schema.org/";

/** The text of a <script type="application/ld+json">: no "<" survives, so no "</script>" can close it early. */
export function jsonLdText(data: Json): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** ISO 8601 duration of a track, to the nearest second: 205 000 ms is "PT3M25S". */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return `PT${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s || total === 0 ? `${s}S` : ""}`;
}

export type Availability = "InStock" | "OutOfStock" | "PreOrder";

/** Out of stock first (nothing to buy), then a pre-order or a release date still to come, else in stock. */
export function availability(input: {
  soldOut: boolean;
  releaseDate: string | null;
  now: Date;
  preorder?: boolean;
}): Availability {
  if (input.soldOut) return "OutOfStock";
  if (input.preorder) return "PreOrder";
  if (input.releaseDate && input.releaseDate > input.now.toISOString().slice(0, 10)) return "PreOrder";
  return "InStock";
}

/** Price is what a fan pays at least; pay-what-you-want also says the suggested amount. */
function priceFields(rule: PriceRule, currency: string): Json {
  const price = (amount: number) => moneyInputValue(amount, currency);
  if (rule.mode === "fixed") return { price: price(rule.amount), priceCurrency: currency };
  if (rule.mode === "free") return { price: price(0), priceCurrency: currency };
  return {
    price: price(rule.minimum),
    priceCurrency: currency,
    priceSpecification: {
      "@type": "PriceSpecification",
      minPrice: price(rule.minimum),
      price: price(rule.suggested),
      priceCurrency: currency,
    },
  };
}

const RELEASE_TYPE = { album: "AlbumRelease", ep: "EPRelease", single: "SingleRelease" } as const;
const PHYSICAL_FORMAT: Partial<Record<string, string>> = {
  cd: "CDFormat",
  vinyl: "VinylFormat",
  cassette: "CassetteFormat",
};

export type PageContext = { origin: string; locale: Locale; now: Date };

const pageUrl = (ctx: PageContext, path: string) => new URL(localePath(ctx.locale, path), ctx.origin).href;
const absolute = (ctx: PageContext, path: string | null) => (path ? new URL(path, ctx.origin).href : undefined);

/** A release page: the album, its tracks with durations, its artist, and what is for sale. */
export function releaseJsonLd(data: PublicRelease, offers: ReleaseOffers | null, ctx: PageContext): Json {
  const { artist, release, tracks } = data;
  const url = pageUrl(ctx, `/${artist.slug}/${release.slug}`);
  const released = release.releaseDate;
  const digital = (rule: PriceRule, freeToTake: boolean, offerUrl: string) => ({
    "@type": "Offer",
    url: offerUrl,
    ...priceFields(rule, offers!.currency),
    availability:
      SCHEMA +
      availability({
        soldOut: !freeToTake && !offers!.canTakePayments,
        releaseDate: released,
        now: ctx.now,
        preorder: isPreorder(release),
      }),
  });
  const trackOffers = new Map(offers?.tracks.map((t) => [t.id, t]));
  const albumOffers = offers
    ? [
        ...(offers.release.forSale ? [digital(offers.release.rule, offers.release.freeToTake, url)] : []),
        ...offers.products.map((product) => ({
          "@type": "Offer",
          name: product.title,
          url,
          price: moneyInputValue(product.priceAmount, product.currency),
          priceCurrency: product.currency,
          availability:
            SCHEMA +
            availability({
              soldOut: product.soldOut || !offers.canTakePayments,
              releaseDate: released,
              now: ctx.now,
              preorder: isPreorder(release),
            }),
          itemOffered: PHYSICAL_FORMAT[product.kind]
            ? {
                "@type": "MusicRelease",
                name: product.title,
                musicReleaseFormat: SCHEMA + PHYSICAL_FORMAT[product.kind],
              }
            : { "@type": "Product", name: product.title },
        })),
      ]
    : [];
  return {
    "@context": "https://schema.org",
    "@type": "MusicAlbum",
    "@id": url,
    name: release.title,
    url,
    image: absolute(ctx, shareImageUrl(release.artworkKey, "1200")),
    description: release.description.slice(0, 500) || undefined,
    datePublished: released ?? release.publishedAt?.toISOString().slice(0, 10),
    albumReleaseType: SCHEMA + RELEASE_TYPE[release.kind],
    numTracks: tracks.length,
    byArtist: { "@type": "MusicGroup", name: artist.name, url: pageUrl(ctx, `/${artist.slug}`) },
    track: tracks.map((track) => {
      const sold = trackOffers.get(track.id);
      const trackUrl = `${url}?track=${encodeURIComponent(track.id)}`;
      return {
        "@type": "MusicRecording",
        name: track.title,
        position: track.position,
        duration: track.durationMs === null ? undefined : isoDuration(track.durationMs),
        url: trackUrl,
        offers: sold ? digital(sold.rule, sold.freeToTake, trackUrl) : undefined,
      };
    }),
    offers: albumOffers.length ? albumOffers : undefined,
  };
}

/** A shop page: the band, its links elsewhere and its published releases. */
export function shopJsonLd(artist: Artist, releases: ReleaseSummary[], ctx: PageContext): Json {
  const url = pageUrl(ctx, `/${artist.slug}`);
  return {
    "@context": "https://schema.org",
    "@type": "MusicGroup",
    "@id": url,
    name: artist.name,
    url,
    image: absolute(ctx, shareImageUrl(artist.avatarKey, "512") ?? shareImageUrl(artist.bannerKey, "1600")),
    description: artist.bio.slice(0, 500) || undefined,
    location: artist.location ? { "@type": "Place", name: artist.location } : undefined,
    sameAs: artist.links.length ? artist.links.map((link) => link.url) : undefined,
    album: releases.map((release) => ({
      "@type": "MusicAlbum",
      name: release.title,
      url: pageUrl(ctx, `/${artist.slug}/${release.slug}`),
      image: absolute(ctx, shareImageUrl(release.artworkKey, "600")),
      datePublished: release.releaseDate ?? release.publishedAt?.toISOString().slice(0, 10),
      albumReleaseType: SCHEMA + RELEASE_TYPE[release.kind],
    })),
  };
}
