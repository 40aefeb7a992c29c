import { describe, expect, it } from "vitest";
import type { Artist, Release } from "@/db/schema";
import type { PublicRelease } from "@/lib/catalog";
import type { ReleaseOffers } from "@/lib/orders";
import { availability, isoDuration, jsonLdText, releaseJsonLd, shopJsonLd, type PageContext } from "@/lib/seo";

/** The value at a path in the built JSON-LD: `at(album, "track", 0, "name")`. */
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], value);

const now = new Date("2026-06-01T12:00:00Z");
const ctx: PageContext = { origin: "https://shop.example", locale: "en", now };

const artist = {
  id: "a1",
  slug: "night-owls",
  name: "Night Owls",
  bio: "Three friends.\nFrom Lyon.",
  location: "Lyon",
  links: [{ label: "Site", url: "https://nightowls.example" }],
  avatarKey: "artists/a1/avatar-abc",
  bannerKey: null,
} as unknown as Artist;

const release = {
  id: "r1",
  slug: "dusk",
  title: "Dusk",
  kind: "album",
  releaseDate: "2026-05-01",
  publishedAt: new Date("2026-05-01T10:00:00Z"),
  artworkKey: "artists/a1/releases/r1/cover-def",
  description: "Recorded at night.",
} as unknown as Release;

const track = (position: number, durationMs: number | null) => ({
  id: `t${position}`,
  position,
  title: `Song ${position}`,
  durationMs,
  peaks: null,
  playback: "full" as const,
  clipSeconds: 30,
  lossless: true,
  lyrics: "",
});

const data: PublicRelease = {
  artist,
  release,
  tracks: [track(1, 205_000), track(2, null)],
  formats: [],
  lossyMaster: false,
  isDraft: false,
};

const offers: ReleaseOffers = {
  currency: "EUR",
  release: { id: "r1", rule: { mode: "fixed", amount: 800 }, freeToTake: false, forSale: true },
  tracks: [{ id: "t1", position: 1, title: "Song 1", rule: { mode: "fixed", amount: 100 }, freeToTake: false }],
  products: [
    {
      id: "p1",
      kind: "cd",
      title: "Dusk (CD)",
      description: "",
      priceAmount: 1200,
      currency: "EUR",
      stock: 0,
      soldOut: true,
      photos: [],
      options: [],
      release: { id: "r1", slug: "dusk", title: "Dusk" },
    },
  ],
  canTakePayments: true,
};

describe("track durations for search engines", () => {
  it.each([
    [205_000, "PT3M25S"],
    [205_600, "PT3M26S"],
    [59_400, "PT59S"],
    [180_000, "PT3M"],
    [3_723_000, "PT1H2M3S"],
    [3_600_000, "PT1H"],
    [0, "PT0S"],
  ])("%i ms is %s", (ms, iso) => expect(isoDuration(ms)).toBe(iso));
});

describe("availability of an offer", () => {
  it("is out of stock when sold out, a pre-order before the release date, else in stock", () => {
    expect(availability({ soldOut: true, releaseDate: "2026-09-01", now })).toBe("OutOfStock");
    expect(availability({ soldOut: false, releaseDate: "2026-09-01", now })).toBe("PreOrder");
    expect(availability({ soldOut: false, releaseDate: "2026-06-01", now })).toBe("InStock");
    expect(availability({ soldOut: false, releaseDate: null, now })).toBe("InStock");
  });
});

describe("a release page's MusicAlbum", () => {
  const album = releaseJsonLd(data, offers, ctx);

  it("names the album, its artist and its tracks with ISO durations and their own URLs", () => {
    expect(album).toMatchObject({
      "@context": "https://schema.org",
      "@type": "MusicAlbum",
      name: "Dusk",
      url: "https://shop.example/night-owls/dusk",
      image: "https://shop.example/media/artists/a1/releases/r1/cover-def-1200.jpg",
      datePublished: "2026-05-01",
      numTracks: 2,
      byArtist: { "@type": "MusicGroup", name: "Night Owls", url: "https://shop.example/night-owls" },
    });
    expect(at(album, "track", 0)).toMatchObject({
      "@type": "MusicRecording",
      name: "Song 1",
      position: 1,
      duration: "PT3M25S",
      url: "https://shop.example/night-owls/dusk?track=t1",
    });
    expect(at(album, "track", 1, "duration")).toBeUndefined();
  });

  it("offers the album, each track sold alone and the CD with price, currency and availability", () => {
    expect(at(album, "offers")).toEqual([
      expect.objectContaining({ price: "8.00", priceCurrency: "EUR", availability: "https://schema.org/InStock" }),
      expect.objectContaining({
        name: "Dusk (CD)",
        price: "12.00",
        priceCurrency: "EUR",
        availability: "https://schema.org/OutOfStock",
        itemOffered: expect.objectContaining({ musicReleaseFormat: "https://schema.org/CDFormat" }),
      }),
    ]);
    expect(at(album, "track", 0, "offers")).toMatchObject({ price: "1.00", priceCurrency: "EUR" });
    expect(at(album, "track", 1, "offers")).toBeUndefined();
  });

  it("says pre-order before the release date, and the minimum and suggested price of pay-what-you-want", () => {
    const upcoming = releaseJsonLd(
      { ...data, release: { ...release, releaseDate: "2026-07-01" } },
      { ...offers, release: { ...offers.release, rule: { mode: "pay_what_you_want", minimum: 500, suggested: 900 } } },
      ctx,
    );
    expect(at(upcoming, "offers", 0)).toMatchObject({
      price: "5.00",
      availability: "https://schema.org/PreOrder",
      priceSpecification: { minPrice: "5.00", price: "9.00", priceCurrency: "EUR" },
    });
  });

  it("offers nothing that cannot be bought: no price set, or paid items while the band cannot take payments", () => {
    const unpriced = releaseJsonLd(
      data,
      { ...offers, release: { ...offers.release, forSale: false }, products: [] },
      ctx,
    );
    expect(at(unpriced, "offers")).toBeUndefined();
    const blocked = releaseJsonLd(data, { ...offers, canTakePayments: false }, ctx);
    expect(at(blocked, "offers", 0, "availability")).toBe("https://schema.org/OutOfStock");
  });

  it("uses the page's language in its URLs", () => {
    const french = releaseJsonLd(data, offers, { ...ctx, locale: "fr" });
    expect(at(french, "url")).toBe("https://shop.example/fr/night-owls/dusk");
    expect(at(french, "byArtist", "url")).toBe("https://shop.example/fr/night-owls");
  });
});

describe("a shop page's MusicGroup", () => {
  it("names the band, its picture, bio, links and albums", () => {
    const group = shopJsonLd(artist, [{ ...release }], ctx);
    expect(group).toMatchObject({
      "@type": "MusicGroup",
      name: "Night Owls",
      url: "https://shop.example/night-owls",
      image: "https://shop.example/media/artists/a1/avatar-abc-512.jpg",
      description: "Three friends.\nFrom Lyon.",
      sameAs: ["https://nightowls.example"],
      album: [{ "@type": "MusicAlbum", name: "Dusk", url: "https://shop.example/night-owls/dusk" }],
    });
  });
});

describe("the JSON-LD script's text", () => {
  it("cannot be closed by a band's text, and still parses back to the same data", () => {
    const hostile = { name: "</script><script>alert(1)</script><!--", note: "a\u2028b" };
    const text = jsonLdText(hostile);
    expect(text).not.toMatch(/</);
    expect(text).not.toContain("\u2028");
    expect(JSON.parse(text)).toEqual(hostile);
  });
});
