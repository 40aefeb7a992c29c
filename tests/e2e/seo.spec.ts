import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { artists, products, releases, tracks } from "@/db/schema";
import { processImage } from "@/lib/images";
import { localDriver } from "@/lib/storage/local";
import { baseURL } from "@/playwright.config";
import { artifacts, testDb, uniqueId } from "./helpers";

const storageDir = process.env.STORAGE_DIR ?? ".data/storage";

/** A band with a published album (artwork, two timed tracks, one sold alone) and its CD, straight in the database. */
async function bandWithAlbum() {
  const db = testDb();
  const id = uniqueId();
  const [artist] = await db
    .insert(artists)
    .values({ slug: `lantern-${id}`, name: `Lantern ${id}`, bio: "Folk from the coast." })
    .returning();
  const [release] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "tide-tables",
      title: "Tide Tables",
      kind: "album",
      releaseDate: "2026-04-10",
      description: "Recorded in a boathouse </script><script>window.__injected = true</script>",
      status: "published",
      publishedAt: new Date(),
      pricingMode: "fixed",
      priceAmount: 900,
      currency: "EUR",
    })
    .returning();
  const art = await processImage(
    await sharp({ create: { width: 1300, height: 1300, channels: 3, background: "#2b6cb0" } })
      .png()
      .toBuffer(),
    "cover",
  );
  if (!art.ok) throw new Error(`test artwork refused: ${art.reason}`);
  const artworkKey = `artists/${artist.id}/releases/${release.id}/cover-${id}`;
  const store = localDriver(storageDir);
  for (const variant of art.variants) await store.put(`${artworkKey}-${variant.suffix}.webp`, variant.data);
  await db.update(releases).set({ artworkKey }).where(eq(releases.id, release.id));
  const rows = await db
    .insert(tracks)
    .values(
      [
        { title: "High Water", durationMs: 205_000, price: 150 },
        { title: "Low Water", durationMs: 3_723_000, price: null },
      ].map((spec, i) => ({
        releaseId: release.id,
        artistId: artist.id,
        position: i + 1,
        title: spec.title,
        durationMs: spec.durationMs,
        masterKey: `masters/${id}-${i}.flac`,
        status: "ready" as const,
        pricingMode: spec.price ? ("fixed" as const) : null,
        priceAmount: spec.price,
      })),
    )
    .returning();
  await db.insert(products).values({
    artistId: artist.id,
    releaseId: release.id,
    kind: "cd",
    title: "Tide Tables (CD)",
    priceAmount: 1400,
    currency: "EUR",
    stock: 5,
    published: true,
  });
  return { artist, release, tracks: rows };
}

test("a release page tells search engines and link previews what it is: canonical, languages, a JPEG picture and the album as JSON-LD", async ({
  page,
  request,
}) => {
  const band = await bandWithAlbum();
  const path = `/${band.artist.slug}/${band.release.slug}`;
  await page.goto(`${path}?track=${band.tracks[0].id}`);
  await expect(page.getByRole("heading", { name: "Tide Tables" })).toBeVisible();

  // One canonical URL whatever the ?track=, and every language plus x-default.
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}${path}`);
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", `${baseURL}${path}`);
  await expect(page.locator('link[rel="alternate"][hreflang="fr"]')).toHaveAttribute("href", `${baseURL}/fr${path}`);
  await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute(
    "href",
    `${baseURL}${path}`,
  );

  // The artwork as a JPEG that loads, for previews that refuse WebP; Twitter gets the same.
  const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(ogImage).toMatch(/-1200\.jpg$/);
  await expect(page.locator('meta[name="twitter:image"]')).toHaveAttribute("content", ogImage!);
  for (let i = 0; i < 2; i++) {
    // The first request converts the WebP rendition, the second reads the kept copy.
    const picture = await request.get(ogImage!);
    expect(picture.status()).toBe(200);
    expect(picture.headers()["content-type"]).toBe("image/jpeg");
    expect(await sharp(await picture.body()).metadata()).toMatchObject({ format: "jpeg", width: 1200, height: 1200 });
  }

  // The album as schema.org data, which a "</script>" in the band's text cannot break out of.
  const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
  expect(scripts).toHaveLength(1);
  const album = JSON.parse(scripts[0]);
  expect(album).toMatchObject({
    "@type": "MusicAlbum",
    name: "Tide Tables",
    url: `${baseURL}${path}`,
    numTracks: 2,
    datePublished: "2026-04-10",
    description: expect.stringContaining("</script><script>window.__injected = true</script>"),
    byArtist: { "@type": "MusicGroup", name: band.artist.name, url: `${baseURL}/${band.artist.slug}` },
    track: [
      {
        "@type": "MusicRecording",
        name: "High Water",
        position: 1,
        duration: "PT3M25S",
        offers: { price: "1.50", priceCurrency: "EUR", availability: "https://schema.org/InStock" },
      },
      { "@type": "MusicRecording", name: "Low Water", position: 2, duration: "PT1H2M3S" },
    ],
  });
  expect(album.offers).toEqual([
    expect.objectContaining({ price: "9.00", priceCurrency: "EUR", availability: "https://schema.org/InStock" }),
    expect.objectContaining({ name: "Tide Tables (CD)", price: "14.00", availability: "https://schema.org/InStock" }),
  ]);
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  await page.screenshot({ path: `${artifacts}/seo-release-page.png` });
});

test("the shop page describes the band as a MusicGroup with its albums, and the home page has a site picture", async ({
  page,
  request,
}) => {
  const band = await bandWithAlbum();
  await page.goto(`/${band.artist.slug}`);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/${band.artist.slug}`);
  const group = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(group).toMatchObject({
    "@type": "MusicGroup",
    name: band.artist.name,
    description: "Folk from the coast.",
    album: [{ "@type": "MusicAlbum", name: "Tide Tables", url: `${baseURL}/${band.artist.slug}/tide-tables` }],
  });

  await page.goto("/");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", baseURL);
  await expect(page.locator('link[rel="alternate"][hreflang="fr"]')).toHaveAttribute("href", `${baseURL}/fr`);
  const siteImage = await page.locator('meta[property="og:image"]').getAttribute("content");
  const picture = await request.get(siteImage!);
  expect(picture.status()).toBe(200);
  expect(picture.headers()["content-type"]).toBe("image/jpeg");
});

test("robots.txt lists the sitemap, which lists the release; widgets and private pages are noindex", async ({
  request,
}) => {
  const band = await bandWithAlbum();
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toContain(`Sitemap: ${baseURL}/sitemap.xml`);

  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.headers()["content-type"]).toBe("application/xml; charset=utf-8");
  const xml = await sitemap.text();
  expect(xml).toContain(`<loc>${baseURL}/${band.artist.slug}/tide-tables</loc>`);
  expect(xml).toContain(`<loc>${baseURL}/fr/${band.artist.slug}/tide-tables</loc>`);

  const widget = await request.get(`/embed/release/${band.release.id}`);
  expect(widget.status()).toBe(200);
  expect(widget.headers()["x-robots-tag"]).toContain("noindex");
  expect(await widget.text()).toContain('<meta name="robots" content="noindex">');
  for (const path of ["/library", "/checkout/success", "/dashboard"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["x-robots-tag"], path).toContain("noindex");
  }
});
